/**
 * Rewrites an index file saved by 64-bit native hnswlib (hnswlib-node) into the layout of
 * hnswlib-wasm (wasm32), which reads `size_t` header fields and each element's label as
 * 4 bytes instead of 8. The graph and vectors are copied unchanged, so both builds return
 * the same neighbours.
 *
 * Header (native / wasm32 bytes): offsetLevel0, maxElements, count, sizeDataPerElement,
 * labelOffset, offsetData (size_t each), maxLevel (int32), enterPoint (uint32), maxM, maxM0,
 * M (size_t), mult (double), efConstruction (size_t); then `count` level-0 records
 * [links | vector | label]; then per element a uint32 byte length and its upper-level links.
 */
export function nativeToWasm32(native: Uint8Array): Uint8Array {
  const src = new DataView(native.buffer, native.byteOffset, native.byteLength);
  let p = 0;
  const u64 = () => {
    const v = src.getBigUint64(p, true);
    p += 8;
    if (v > 0xffffffffn) throw new Error(`hnsw index: header field ${v} does not fit 32 bits`);
    return Number(v);
  };
  const offsetLevel0 = u64();
  const maxElements = u64();
  const count = u64();
  const sizeDataPerElement = u64();
  const labelOffset = u64();
  const offsetData = u64();
  const maxLevel = src.getInt32(p, true);
  const enterPoint = src.getUint32(p + 4, true);
  p += 8;
  const maxM = u64();
  const maxM0 = u64();
  const M = u64();
  const mult = src.getFloat64(p, true);
  p += 8;
  const efConstruction = u64();
  if (labelOffset + 8 !== sizeDataPerElement) throw new Error('hnsw index: not a 64-bit native hnswlib file (label is not the last 8 bytes of an element)');

  const level0Start = p;
  const upperStart = level0Start + count * sizeDataPerElement;
  const upperBytes = native.byteLength - upperStart;
  const wasmPerElement = sizeDataPerElement - 4;
  const out = new Uint8Array(56 + count * wasmPerElement + upperBytes);
  const dst = new DataView(out.buffer);
  let q = 0;
  const u32 = (v: number) => {
    dst.setUint32(q, v, true);
    q += 4;
  };
  u32(offsetLevel0);
  u32(maxElements);
  u32(count);
  u32(wasmPerElement);
  u32(labelOffset);
  u32(offsetData);
  dst.setInt32(q, maxLevel, true);
  q += 4;
  u32(enterPoint);
  u32(maxM);
  u32(maxM0);
  u32(M);
  dst.setFloat64(q, mult, true);
  q += 8;
  u32(efConstruction);

  for (let i = 0; i < count; i++) {
    const from = level0Start + i * sizeDataPerElement;
    out.set(native.subarray(from, from + labelOffset), q);
    q += labelOffset;
    const label = src.getBigUint64(from + labelOffset, true);
    if (label > 0xffffffffn) throw new Error(`hnsw index: label ${label} does not fit 32 bits`);
    u32(Number(label));
  }
  out.set(native.subarray(upperStart), q);
  return out;
}
