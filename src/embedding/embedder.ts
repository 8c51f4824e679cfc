import { AutoModel, AutoTokenizer, env, mean_pooling } from '@huggingface/transformers';
import { dequantizeWeights, type DequantizeRecipe } from './dequantize.ts';
import { MODEL, WEIGHTS, type ModelFile } from './model.ts';

/** An external data file as the graph names it: relative to the graph's folder. */
const baseName = (file: string) => file.slice(file.lastIndexOf('/') + 1);

/** Turns texts into L2-normalised MiniLM vectors, one Float32Array per text. */
export interface Embedder {
  readonly dims: number;
  readonly device: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface EmbedderOptions {
  /** Directory (Node) or URL path (browser) holding `<MODEL.id>/`. */
  modelRoot: string;
  /** `cuda` in Node only, where onnxruntime-node has its CUDA binaries (tools/embedding/buildEmbedder.ts). */
  device: 'cpu' | 'cuda' | 'wasm' | 'webgpu';
  /** Browser only: where the site serves onnxruntime-web's .wasm/.mjs files, so nothing comes from a CDN. */
  wasmPaths?: string | { mjs: string; wasm: string };
  /** The browser's WASM threads; in Node, onnxruntime-node's threads (all cores when omitted). */
  numThreads?: number;
  /**
   * The model files, already fetched and checked by the caller (the browser engine, which
   * reports their download and verifies their hashes). Without them the files are read
   * from `modelRoot`.
   */
  files?: Record<ModelFile, Uint8Array>;
}

/**
 * The only place MiniLM is loaded, for the catalog build (Node) and for free-text queries
 * (browser) alike: same graph, same truncation, same pooling. It is the feature-extraction
 * pipeline's own steps, spelled out because the pipeline cannot truncate at 256 tokens.
 */
export async function loadEmbedder(opts: EmbedderOptions): Promise<Embedder> {
  useLocalModel(opts.modelRoot);
  // Otherwise transformers.js reads onnxruntime's .wasm into an ArrayBuffer that it keeps (14 MB);
  // from its URL the browser compiles it while streaming.
  env.useWasmCache = false;
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    if (opts.wasmPaths) wasm.wasmPaths = opts.wasmPaths;
    if (opts.numThreads) wasm.numThreads = opts.numThreads;
  }

  if (opts.files) {
    // transformers.js asks its cache before fetching: answering from the given bytes means
    // no second download, and no file that skipped the caller's hash check.
    env.useCustomCache = true;
    env.customCache = answering(opts.files);
  }

  // Given weights go to onnxruntime as they are: through the cache hook transformers.js would
  // first copy all 23 MB of them. Without them (Node), onnxruntime reads them from disk.
  const weights = opts.files && externalData(opts.files);
  const model = await AutoModel.from_pretrained(MODEL.id, {
    device: opts.device,
    dtype: MODEL.dtype,
    ...(weights
      ? { use_external_data_format: false, session_options: { externalData: weights } }
      : { use_external_data_format: true, ...(opts.numThreads ? { session_options: { intraOpNumThreads: opts.numThreads, interOpNumThreads: 1 } } : {}) }),
  });
  // onnxruntime has its own copy now: the weights (23 MB) must not stay reachable from env.
  if (opts.files) env.customCache = answering(tokenizerFiles(opts.files));

  // The tokenizer (50-60 ms in a browser, for its 30k-word vocabulary) is not needed to load
  // the model: the first text embedded builds it, which in the app is the warm-up run right
  // after loading. Its files passed the same checks as the model's.
  // (No function made in here may use `opts`: the returned embedder would keep it, and the 23 MB of files, reachable.)
  const answeredFromFiles = opts.files !== undefined;
  let tokenizing: Promise<Tokenize> | undefined;
  const tokenizer = () =>
    (tokenizing ??= AutoTokenizer.from_pretrained(MODEL.id).then((loaded) => {
      if (answeredFromFiles) [env.useCustomCache, env.customCache] = [false, null];
      return truncating(loaded);
    }));
  return {
    dims: MODEL.dims,
    device: opts.device,
    async embed(texts) {
      if (texts.length === 0) return [];
      const inputs = (await tokenizer())(texts);
      const { last_hidden_state } = await model(inputs);
      const pooled = mean_pooling(last_hidden_state, inputs.attention_mask).normalize(2, -1);
      const data = pooled.data as Float32Array;
      const rows: Float32Array[] = [];
      for (let i = 0; i < texts.length; i++) rows.push(data.slice(i * MODEL.dims, (i + 1) * MODEL.dims));
      return rows;
    },
  };
}

/** Word pieces per text as MiniLM sees it, from the tokenizer alone: for the build, which batches texts of equal length over several embedders. */
export async function loadTokenCounter(modelRoot: string): Promise<(text: string) => number> {
  useLocalModel(modelRoot);
  const tokenize = truncating(await AutoTokenizer.from_pretrained(MODEL.id));
  return (text) => tokenize([text]).input_ids.size;
}

function useLocalModel(modelRoot: string): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelRoot;
}

type Tokenize = ReturnType<typeof truncating>;

/** sentence-transformers truncates all-MiniLM-L6-v2 at 256 word pieces; tokenizer_config.json says 512. */
function truncating(tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>) {
  return (texts: string[]) => tokenizer(texts, { padding: true, truncation: true, max_length: MODEL.maxTokens });
}

/** What transformers.js reads to build the tokenizer. */
const TOKENIZER_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const satisfies readonly ModelFile[];

const tokenizerFiles = (files: Record<ModelFile, Uint8Array>) => Object.fromEntries(TOKENIZER_FILES.map((f) => [f, files[f]]));

/** A transformers.js cache that answers with the given files, by their names under the model's folder. */
function answering(files: Partial<Record<ModelFile, Uint8Array>>) {
  return {
    async match(key: string) {
      const file = MODEL.files.find((f) => key.endsWith(`${MODEL.id}/${f}`) && files[f]);
      const bytes = file && files[file];
      return bytes && new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.byteLength) } });
    },
    async put() {},
  };
}

/** The graph's external data in the browser: the int8 weights as given, and the float32 matrices dequantized from them. */
function externalData(files: Record<ModelFile, Uint8Array>): { path: string; data: Uint8Array }[] {
  const quantized = files[WEIGHTS.quantized];
  const recipe = JSON.parse(new TextDecoder().decode(files[WEIGHTS.recipe])) as DequantizeRecipe;
  return [
    { path: baseName(WEIGHTS.quantized), data: quantized },
    { path: baseName(WEIGHTS.float32), data: dequantizeWeights(recipe, quantized) },
  ];
}
