/**
 * The one embedding model of the project. Catalog vectors (built in Node) and query
 * vectors (built in the browser) are only comparable if both sides use these exact files
 * and this exact pre-processing, so every embedder reads its settings from here.
 */
export const MODEL = {
  /** Directory name under the model root, for transformers.js `localModelPath`. */
  id: 'all-MiniLM-L6-v2',
  /** The transformers.js conversion a user with internet access would fetch from the Hugging Face hub. */
  hubId: 'Xenova/all-MiniLM-L6-v2',
  dims: 384,
  /** sentence-transformers truncates all-MiniLM-L6-v2 at 256 word pieces (not the tokenizer's 512). */
  maxTokens: 256,
  /** transformers.js picks `onnx/model_quantized.onnx` for q8, and its weights from `…onnx_data` (tools/model/install.ts). */
  dtype: 'q8',
  /** The files the site serves and the catalog's manifest pins. */
  files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'onnx/model_quantized.onnx_data', 'onnx/model_quantized.dequantize.json'],
} as const;

export type ModelFile = (typeof MODEL.files)[number];

/** The graph's weight files (tools/model/dequantizeAtLoad.ts). */
export const WEIGHTS = {
  /** int8 weights and scales, and every other initializer. */
  quantized: 'onnx/model_quantized.onnx_data',
  /** Says how the float32 matrices are computed from the int8 ones. */
  recipe: 'onnx/model_quantized.dequantize.json',
  /**
   * The float32 matrices. Never served: the browser computes them from the two files above.
   * onnxruntime-node can only read external data from disk, so `npm run model` writes it
   * there for the build.
   */
  dequantized: 'onnx/model_quantized.dequantized_data',
} as const satisfies Record<string, string>;
