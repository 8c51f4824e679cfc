import 'fake-indexeddb/auto';
import type { HnswlibModule } from 'hnswlib-wasm/dist/hnswlib-wasm';

/**
 * hnswlib-wasm in Node: it is a web-only build, so it needs a `window` and an IndexedDB
 * (fake-indexeddb) before it loads. Used by the CLI, the build's recall check and tests,
 * so they exercise the same WASM index the browser does.
 */
let lib: Promise<HnswlibModule> | undefined;

export function loadHnswlibInNode(): Promise<HnswlibModule> {
  (globalThis as { window?: unknown }).window ??= globalThis;
  lib ??= import('hnswlib-wasm/dist/hnswlib.js').then((m: { loadHnswlib: () => Promise<HnswlibModule> }) => m.loadHnswlib());
  return lib;
}
