import type { VectorMatrix } from './exact.ts';

/**
 * The vectors stored inside an hnswlib-wasm index file (the wasm32 layout written by
 * tools/artifacts/hnswWasmLayout.ts), row `label` for each element. Reading them here, once,
 * spares a call into WASM per vector: exact scans and "more like this" need them often.
 */
export function vectorsFromIndex(bytes: Uint8Array, dims: number): VectorMatrix {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const sizeDataPerElement = view.getUint32(12, true);
  const labelOffset = view.getUint32(16, true);
  const offsetData = view.getUint32(20, true);
  if (labelOffset - offsetData !== dims * 4) throw new Error(`vector index holds ${(labelOffset - offsetData) / 4}-dimensional vectors, expected ${dims}`);
  const level0Start = 56;
  if (level0Start + count * sizeDataPerElement > bytes.byteLength) throw new Error('vector index is truncated');

  const data = new Float32Array(count * dims);
  // Element records are not 4-byte aligned relative to each other in general, so copy bytes.
  const target = new Uint8Array(data.buffer);
  for (let i = 0; i < count; i++) {
    const element = bytes.byteOffset + level0Start + i * sizeDataPerElement;
    const label = view.getUint32(element - bytes.byteOffset + labelOffset, true);
    if (label >= count) throw new Error(`vector index: label ${label} out of range`);
    target.set(new Uint8Array(bytes.buffer, element + offsetData, dims * 4), label * dims * 4);
  }
  return { data, dims, count };
}
