/**
 * The one embedding model of the project. Catalog vectors (built in Node) and query
 * vectors (built in the browser) are only comparable if both sides use these files and
 * this exact pre-processing, so every embedder reads its settings from here. The two differ
 * in one thing: the build reads the published float32 weight matrices, the browser the int8
 * ones dequantized (WEIGHTS), and their vectors agree to a cosine of 0.999
 * (tools/model/model.test.ts, `npm run bench:embed`).
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
   * The float32 matrices the graph reads. Never served: the browser computes them from the
   * two files above. onnxruntime-node reads external data only from disk, so `npm run model`
   * writes them here for the build: the published float32 weights those int8 matrices were
   * quantized from (tools/model/publishedWeights.ts), so catalog vectors match
   * sentence-transformers' own.
   */
  float32: 'onnx/model_quantized.float32_data',
  /** sentence-transformers' own float32 weights, which the int8 matrices were quantized from: installed for the build, never served. */
  published: 'model.safetensors',
} as const satisfies Record<string, string>;

/** What `npm run model` installs: the files the site serves, and the published weights the build reads. */
export type InstalledFile = ModelFile | typeof WEIGHTS.published;
