import { expose } from 'comlink';
import { loadHnswlib } from 'hnswlib-wasm';
import initSqlJs from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { loadEmbedder } from '../src/embedding/embedder.ts';
import { createEngine } from './engine.ts';

// The site's root, where it serves data/, models/ and ort/ (the worker lives in assets/).
const base = new URL(import.meta.env.BASE_URL, self.location.origin);

// The worker owns the engine; the app reaches it through comlink (src/app/engineClient.ts).
expose(
  createEngine({
    async fetchBytes(path, fresh) {
      const res = await fetch(new URL(path, base), { cache: fresh ? 'reload' : 'default' });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async openDatabase(bytes) {
      const SQL = await initSqlJs({ locateFile: () => sqlWasmUrl });
      return new SQL.Database(bytes);
    },
    loadHnswlib,
    loadEmbedder: () =>
      loadEmbedder({
        // A path, not a URL: transformers.js joins it as a path and would mangle "http://".
        modelRoot: new URL('models/', base).pathname,
        device: 'wasm',
        wasmPaths: new URL('ort/', base).href,
        numThreads: self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency) : 1,
      }),
  }),
);
