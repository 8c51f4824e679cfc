import { describe, expect, it } from 'vitest';
import type { DequantizeRecipe } from '../../src/embedding/dequantize.ts';
import { publishedMatrices } from './publishedWeights.ts';
import { readSafetensors } from './safetensors.ts';

/** A safetensors file of float32 tensors, laid out as the format says. */
function safetensorsFile(tensors: Record<string, { shape: number[]; values: number[] }>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const [name, { shape, values }] of Object.entries(tensors)) {
    const bytes = new Uint8Array(new Float32Array(values).buffer);
    header[name] = { dtype: 'F32', shape, data_offsets: [at, at + bytes.length] };
    parts.push(bytes);
    at += bytes.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + at);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let offset = 8 + json.length;
  for (const p of parts) (out.set(p, offset), (offset += p.length));
  return out;
}

/**
 * The int8 side of a graph with two 2x3 matrices (rows = inputs, cols = outputs), quantized
 * from `published` ([cols][rows] each, as PyTorch stores a Linear weight) with one scale per
 * column; the recipe puts the int8 matrix at `quantized`, its scales at `scales`.
 */
function quantizedGraph(published: number[][][]): { recipe: DequantizeRecipe; weights: Uint8Array } {
  const [rows, cols] = [2, 3];
  const weights = new Uint8Array(published.length * (rows * cols + 4 * cols));
  const recipe: DequantizeRecipe = { bytes: 0, tensors: [] };
  let at = 0;
  for (const w of published) {
    const scale = Array.from({ length: cols }, (_, c) => Math.max(...w[c]!.map(Math.abs)) / 127);
    const q = new Int8Array(weights.buffer, at, rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) q[r * cols + c] = Math.round(w[c]![r]! / scale[c]!);
    new Uint8Array(weights.buffer, at + rows * cols, 4 * cols).set(new Uint8Array(new Float32Array(scale).buffer));
    recipe.tensors.push({ offset: recipe.bytes, rows, cols, quantized: at, scales: at + rows * cols });
    recipe.bytes += 4 * rows * cols;
    at += rows * cols + 4 * cols;
  }
  return { recipe, weights };
}

const first = [[0.5, -0.25], [0.125, 1], [-0.75, 0.3]];
const second = [[-0.2, 0.9], [0.4, -0.6], [0.05, 0.7]];

describe('the published weights', () => {
  it('pairs each int8 matrix with the published one it was quantized from, whatever their order, and transposes it', () => {
    const { recipe, weights } = quantizedGraph([first, second]);
    // Stored in another order, with a tensor of another shape beside them.
    const file = safetensorsFile({
      'layer.1.weight': { shape: [3, 2], values: second.flat() },
      'layer.0.bias': { shape: [3], values: [0, 0, 0] },
      'layer.0.weight': { shape: [3, 2], values: first.flat() },
    });
    const out = new Float32Array(publishedMatrices(recipe, weights, readSafetensors(file)).buffer);
    const graphLayout = (w: number[][]) => [0, 1].flatMap((r) => [0, 1, 2].map((c) => w[c]![r]!));
    expect(Array.from(out)).toEqual(Array.from(new Float32Array([...graphLayout(first), ...graphLayout(second)])));
  });

  it('refuses weights that are not the ones the int8 matrices were quantized from', () => {
    const { recipe, weights } = quantizedGraph([first, second]);
    const nudged = second.map((col) => [...col]);
    // More than half an int8 step away from what was quantized.
    nudged[1]![0] = 0.2;
    const file = safetensorsFile({ a: { shape: [3, 2], values: first.flat() }, b: { shape: [3, 2], values: nudged.flat() } });
    expect(() => publishedMatrices(recipe, weights, readSafetensors(file))).toThrow("no matrix that the graph's int8 matrix 2 (2x3) was quantized from");
  });

  it('refuses a file that is not safetensors, or whose tensors lie outside it', () => {
    expect(() => readSafetensors(new Uint8Array([1, 2, 3]))).toThrow('shorter than its header length');
    const file = safetensorsFile({ a: { shape: [3, 2], values: first.flat() } });
    expect(() => readSafetensors(file.subarray(0, 20))).toThrow(/a header of \d+ bytes in a file of 20/);
    expect(() => readSafetensors(file.subarray(0, file.length - 4))).toThrow('safetensors: a lies outside the file');
  });
});
