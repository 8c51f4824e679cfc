import type { Database } from 'sql.js';
import type { Embedder } from '../embedding/embedder.ts';
import type { ModelFile } from '../embedding/model.ts';

/** The model's files (src/embedding/model.ts), checked against the manifest. */
export type ModelFiles = Record<ModelFile, Uint8Array>;

/** Download progress: bytes so far, and in all when known. */
export type OnBytes = (loaded: number, total?: number) => void;

/**
 * How a file is fetched: `cache-first` (versioned files, kept offline), `network-first`
 * (the manifest: the newest when online, the kept one offline), `reload` (past any cache,
 * replacing the kept copy: after a corrupt one), `network-only` (looking for updates).
 */
export type FetchMode = 'cache-first' | 'network-first' | 'reload' | 'network-only';

export interface FetchOptions {
  mode?: FetchMode;
  onBytes?: OnBytes;
  /** Called when the file could not be kept for offline use, with why. */
  onNotKept?: (reason: string) => void;
  /**
   * Throws when the bytes are not a usable file. A copy that fails it is never kept, and
   * in `network-first` mode a kept copy that passes is answered instead (a host that
   * serves a broken manifest must not cost a working offline catalog).
   */
  check?: (bytes: Uint8Array) => void;
}

/** What the engine needs from where it runs: the browser worker (workers/engine.worker.ts) or Node (tools/runtime/nodePlatform.ts). */
export interface Platform {
  /** Bytes of a site path such as `data/catalog.sqlite?v=...`. */
  fetchBytes(path: string, opts?: FetchOptions): Promise<Uint8Array>;
  /** Forgets kept files other than these paths (an older catalog's). */
  keepOnly?(paths: string[]): Promise<void>;
  /**
   * Whether `bytes` are the very bytes of `path` that passed the engine's SHA-256 check
   * before, told by a cheaper checksum (the browser's kept files); absent where every read is hashed.
   */
  checkedBefore?(path: string, bytes: Uint8Array): Promise<boolean>;
  /** Notes that these bytes of `path` passed the check. */
  rememberChecked?(path: string, bytes: Uint8Array): Promise<void>;
  openDatabase(bytes: Uint8Array): Promise<Database>;
  /**
   * MiniLM from its files, fetched and checked against the manifest by the engine. They come
   * as they are read, so that the platform can start on what needs none of them meanwhile.
   */
  loadEmbedder(files: Promise<ModelFiles>): Promise<Embedder>;
}
