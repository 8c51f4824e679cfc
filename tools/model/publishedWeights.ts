import type { DequantizeRecipe } from '../../src/embedding/dequantize.ts';
import type { SafeTensor } from './safetensors.ts';

/** Rounding to the nearest int8 step leaves at most half a step; the rest is float32 noise. */
const HALF_STEP = 0.5 + 1e-3;

/**
 * The graph's float32 matrices as published, in the layout of the dequantized ones (the
 * recipe's): each int8 matrix is paired with the published matrix it was quantized from,
 * the one whose every weight rounds to its code, `|w / scale[c] - q[r][c]| <= 0.5`. A
 * PyTorch weight is stored output-major, `[cols][rows]` of the graph's `[rows][cols]`.
 * The pairing checks itself: weights of another model, or a file that is not the
 * published one, match no int8 matrix and are refused.
 */
export function publishedMatrices(recipe: DequantizeRecipe, weights: Uint8Array, published: Map<string, SafeTensor>): Uint8Array {
  const out = new Float32Array(recipe.bytes / 4);
  const unused = new Map([...published].filter(([, t]) => t.dtype === 'F32' && t.shape.length === 2));
  recipe.tensors.forEach(({ offset, rows, cols, quantized, scales }, i) => {
    const q = new Int8Array(weights.buffer, weights.byteOffset + quantized, rows * cols);
    // Copied: the scales need not sit at a multiple of 4 in the file.
    const scale = new Float32Array(weights.slice(scales, scales + 4 * cols).buffer);
    for (const [name, t] of unused) {
      if (t.shape[0] !== cols || t.shape[1] !== rows) continue;
      const w = new Float32Array(t.bytes.slice().buffer);
      if (!quantizesTo(w, q, scale, rows, cols)) continue;
      const at = offset / 4;
      for (let r = 0, k = 0; r < rows; r++) for (let c = 0; c < cols; c++, k++) out[at + k] = w[c * rows + r]!;
      unused.delete(name);
      return;
    }
    throw new Error(`the published weights hold no matrix that the graph's int8 matrix ${i + 1} (${rows}x${cols}) was quantized from: they are not this model's`);
  });
  return new Uint8Array(out.buffer);
}

function quantizesTo(w: Float32Array, q: Int8Array, scale: Float32Array, rows: number, cols: number): boolean {
  for (let r = 0, k = 0; r < rows; r++) for (let c = 0; c < cols; c++, k++) if (Math.abs(w[c * rows + r]! / scale[c]! - q[k]!) > HALF_STEP) return false;
  return true;
}
