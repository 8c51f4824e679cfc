import type { HierarchicalNSW, HnswlibModule } from 'hnswlib-wasm';

// hnswlib-wasm reads index files only from its IndexedDB-backed Emscripten file system
// and does not export FS, so the bytes go in through IndexedDB under the path IDBFS uses.
const IDB_NAME = '/hnswlib-index';
const IDB_STORE = 'FILE_DATA';

export interface LoadIndexOptions {
  dims: number;
  count: number;
  efSearch: number;
  /** File name inside the virtual file system. */
  name?: string;
}

/** Loads an hnswlib-wasm index file (see tools/artifacts/hnswWasmLayout.ts) into `lib`. */
export async function loadHnswIndex(lib: HnswlibModule, bytes: Uint8Array, opts: LoadIndexOptions): Promise<HierarchicalNSW> {
  const name = opts.name ?? 'catalog.hnsw';
  const fsm = lib.EmscriptenFileSystemManager;
  fsm.setDebugLogs(false);
  if (!fsm.isInitialized()) fsm.initializeFileSystem('IDBFS');
  // The first sync creates IDBFS's database, which we then write the file into.
  await syncFromIndexedDb(lib);
  await idbPut(`${IDB_NAME}/${name}`, { timestamp: new Date(), mode: 0o100644, contents: bytes });
  await syncFromIndexedDb(lib);

  const index = new lib.HierarchicalNSW('cosine', opts.dims, '');
  await index.readIndex(name, opts.count);
  index.setEfSearch(opts.efSearch);
  if (index.getCurrentCount() !== opts.count) throw new Error(`vector index holds ${index.getCurrentCount()} vectors, the catalog ${opts.count}`);

  // Drop the stored copy: the index now lives in WASM memory, and keeping the file would
  // hold the same bytes twice more (IndexedDB and the in-memory file system).
  await idbDelete(`${IDB_NAME}/${name}`);
  await syncFromIndexedDb(lib);
  return index;
}

function syncFromIndexedDb(lib: HnswlibModule): Promise<void> {
  // Typed as returning a promise, but the binding only calls back.
  return new Promise((resolve) => void lib.EmscriptenFileSystemManager.syncFS(true, resolve));
}

function idbRequest<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore(fn: (store: IDBObjectStore) => IDBRequest): Promise<void> {
  const db = await idbRequest(indexedDB.open(IDB_NAME));
  try {
    const tx = db.transaction(IDB_STORE, 'readwrite');
    await idbRequest(fn(tx.objectStore(IDB_STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const idbPut = (key: string, value: unknown) => withStore((s) => s.put(value, key));
const idbDelete = (key: string) => withStore((s) => s.delete(key));
