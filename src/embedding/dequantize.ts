/**
 * Where the model's float32 weight matrices come from. The installed graph keeps none: each
 * matrix is an int8 matrix and one float32 scale per column in the weights file, and this
 * recipe says where (tools/model/dequantizeAtLoad.ts writes it). Computing them here costs
 * about 60 ms in a browser, where onnxruntime's own constant folding of the same products
 * took about 200 ms of session start and kept more of its heap.
 */
export interface DequantizeRecipe {
  /** Bytes of the float32 file the graph's matrices point into. */
  bytes: number;
  tensors: {
    /** Byte offset of the matrix in the float32 file. */
    offset: number;
    rows: number;
    cols: number;
    /** Byte offsets in the weights file of the int8 matrix and of its `cols` float32 scales. */
    quantized: number;
    scales: number;
  }[];
}

/** The float32 matrices, `float32(q[r][c]) * scale[c]` each: the products the graph used to compute. */
export function dequantizeWeights(recipe: DequantizeRecipe, weights: Uint8Array): Uint8Array {
  const out = new Float32Array(recipe.bytes / 4);
  for (const { offset, rows, cols, quantized, scales } of recipe.tensors) {
    const n = rows * cols;
    if (quantized + n > weights.length || scales + 4 * cols > weights.length || offset + 4 * n > recipe.bytes) {
      throw new Error(`model weights: a ${rows}x${cols} matrix of the dequantize recipe lies outside its file (weights file ${weights.length} bytes)`);
    }
    const q = new Int8Array(weights.buffer, weights.byteOffset + quantized, n);
    // Copied: the scales need not sit at a multiple of 4 in the file.
    const scale = new Float32Array(weights.slice(scales, scales + 4 * cols).buffer);
    const at = offset / 4;
    for (let r = 0, k = 0; r < rows; r++) for (let c = 0; c < cols; c++, k++) out[at + k] = q[k]! * scale[c]!;
  }
  return new Uint8Array(out.buffer);
}
