import 'fake-indexeddb/auto';
import type { HnswlibModule } from 'hnswlib-wasm';

/**
 * hnswlib-wasm in Node: it is a web-only build, so it needs a `window` and an IndexedDB
 * (fake-indexeddb) before it loads. Used by the CLI, the build's recall check and tests,
 * so they exercise the same WASM index the browser does.
 */
let lib: Promise<HnswlibModule> | undefined;

// hnswlib-wasm reports every file-system sync with console.log; in a CLI whose stdout is
// data (--json, --batch) that chatter must not land there.
const LIBRARY_CHATTER = /^(EmscriptenFileSystemManager: |[a-z]\. (jsFS|Calling sync callback))/;

export function loadHnswlibInNode(): Promise<HnswlibModule> {
  (globalThis as { window?: unknown }).window ??= globalThis;
  if (!lib) {
    const log = console.log.bind(console);
    console.log = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && LIBRARY_CHATTER.test(args[0])) {
        if (process.env.DEBUG) console.error(...args);
        return;
      }
      log(...args);
    };
  }
  lib ??= import('hnswlib-wasm/dist/hnswlib.js').then((m: { loadHnswlib: () => Promise<HnswlibModule> }) => m.loadHnswlib());
  return lib;
}
