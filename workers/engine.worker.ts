import { expose } from 'comlink';
import initSqlJs from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { Embedder } from '../src/embedding/embedder.ts';
import type { ModelFiles } from '../src/engine/platform.ts';
import { createEngine } from '../src/engine/engine.ts';
import { errorMessage } from '../src/engine/errorMessage.ts';
import { checkedBefore, fetchThroughCache, keepOnly, rememberChecked } from './fileCache.ts';

// The site's root, where it serves data/, models/ and ort/ (the worker lives in assets/).
const base = new URL(import.meta.env.BASE_URL, self.location.origin);

/** onnxruntime-web's files: the plain build runs on WASM; WebGPU needs the asyncify one (twice the size). */
const ortBuild = (variant: '' | '.asyncify') => ({
  mjs: new URL(`ort/ort-wasm-simd-threaded${variant}.mjs`, base).href,
  wasm: new URL(`ort/ort-wasm-simd-threaded${variant}.wasm`, base).href,
});

/** MiniLM on the GPU when the browser offers an adapter, else (or when that fails) on WASM; warmed up once loaded. */
async function loadModel(files: Promise<ModelFiles>): Promise<Embedder> {
  return warmedUp(await loadModelOn(files));
}

async function loadModelOn(files: Promise<ModelFiles>): Promise<Embedder> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  const onGpu = gpu && (await gpu.requestAdapter().catch(() => null));
  // transformers.js is most of the worker's code: loaded here, it does not delay title search,
  // and it loads while the model's files are read.
  const { loadEmbedder } = await import('../src/embedding/embedder.ts');
  const options = {
    files: await files,
    // A path, not a URL: transformers.js joins it as a path and would mangle "http://".
    modelRoot: new URL('models/', base).pathname,
    wasmPaths: ortBuild(''),
    numThreads: self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency) : 1,
  };
  if (onGpu) {
    try {
      return await loadEmbedder({ ...options, wasmPaths: ortBuild('.asyncify'), device: 'webgpu' });
    } catch (err) {
      console.warn(`MiniLM on WebGPU failed, using WASM: ${errorMessage(err)}`);
    }
  }
  return loadEmbedder({ ...options, device: 'wasm' });
}

/** How many short texts (descriptions are short) the worker runs through a freshly loaded model. */
const WARM_UP_RUNS = 20;

/**
 * A fresh model answers slowly at first: V8 runs onnxruntime's WebAssembly in a baseline
 * tier until it has optimised the functions that run hot, and the runtime plans its memory
 * on its first runs. Measured in headless Chromium on this project's machine, the first
 * description after loading took 115 ms and the next dozen about 30 ms each, 10 ms after
 * thirty runs. So the worker runs a few short texts through the model as soon as it is
 * loaded, behind whatever the person asks meanwhile (each run yields).
 */
function warmedUp(embedder: Embedder): Embedder {
  setTimeout(async () => {
    for (let i = 0; i < WARM_UP_RUNS; i++) await embedder.embed([`a story about ${i} people and a journey`]).catch(() => {});
  }, 0);
  return embedder;
}

// Versions before the int8 vectors loaded an hnswlib-wasm index through this IndexedDB
// database (left empty after each load): nothing uses it now.
indexedDB.deleteDatabase('/hnswlib-index');

// The worker owns the engine; the app reaches it through comlink (src/app/engineClient.ts).
expose(
  createEngine({
    fetchBytes: (path, opts) => fetchThroughCache(new URL(path, base), opts),
    keepOnly: (paths) => keepOnly(paths.map((p) => new URL(p, base))),
    checkedBefore: (path, bytes) => checkedBefore(new URL(path, base), bytes),
    rememberChecked: (path, bytes) => rememberChecked(new URL(path, base), bytes),
    async openDatabase(bytes) {
      const SQL = await initSqlJs({ locateFile: () => sqlWasmUrl });
      return new SQL.Database(bytes);
    },
    loadEmbedder: loadModel,
  }),
);
