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
  files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx', 'onnx/model_quantized.onnx_data'],
} as const;

export type ModelFile = (typeof MODEL.files)[number];
