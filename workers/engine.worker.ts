import { expose } from 'comlink';
import { loadHnswlib } from 'hnswlib-wasm';
import initSqlJs from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { Embedder } from '../src/embedding/embedder.ts';
import type { ModelFile } from '../src/embedding/model.ts';
import { createEngine, type OnBytes } from './engine.ts';

// The site's root, where it serves data/, models/ and ort/ (the worker lives in assets/).
const base = new URL(import.meta.env.BASE_URL, self.location.origin);

async function fetchBytes(path: string, opts: { fresh?: boolean; onBytes?: OnBytes } = {}): Promise<Uint8Array> {
  const res = await fetch(new URL(path, base), { cache: opts.fresh ? 'reload' : 'default' });
  if (!res.ok || !res.body) throw new Error(`${path}: HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length')) || undefined;
  // Read as a stream to report progress; into one buffer when the length is known.
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    opts.onBytes?.(loaded, length);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** MiniLM on the GPU when the browser offers an adapter, else (or when that fails) on WASM. */
async function loadModel(files: Record<ModelFile, Uint8Array>): Promise<Embedder> {
  // transformers.js is most of the worker's code: loaded here, it does not delay title search.
  const { loadEmbedder } = await import('../src/embedding/embedder.ts');
  const options = {
    files,
    // A path, not a URL: transformers.js joins it as a path and would mangle "http://".
    modelRoot: new URL('models/', base).pathname,
    wasmPaths: new URL('ort/', base).href,
    numThreads: self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency) : 1,
  };
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (gpu && (await gpu.requestAdapter().catch(() => null))) {
    try {
      return await loadEmbedder({ ...options, device: 'webgpu' });
    } catch (err) {
      console.warn(`MiniLM on WebGPU failed, using WASM: ${(err as Error).message}`);
    }
  }
  return loadEmbedder({ ...options, device: 'wasm' });
}

// The worker owns the engine; the app reaches it through comlink (src/app/engineClient.ts).
expose(
  createEngine({
    fetchBytes,
    async openDatabase(bytes) {
      const SQL = await initSqlJs({ locateFile: () => sqlWasmUrl });
      return new SQL.Database(bytes);
    },
    loadHnswlib,
    loadEmbedder: loadModel,
  }),
);
