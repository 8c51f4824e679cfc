import type { FetchOptions } from '../src/engine/platform.ts';
import { checksum } from './checksum.ts';

/**
 * The site's data files (catalog, index, neighbour lists, model) kept for offline use in
 * Cache Storage. The engine asks for them under versioned URLs (`?v=` and the file's
 * SHA-256), so a new catalog never collides with an old one, and the old entries are
 * removed once the new version has loaded. The service worker keeps the app shell; these
 * files are too large, and built apart from the app, so the engine caches them itself.
 */
export const FILE_CACHE = 'marquee-files';
/** For each kept file that passed the engine's SHA-256 check, the checksum of the bytes that passed (workers/checksum.ts). */
export const CHECKED_CACHE = 'marquee-checked';

export async function fetchThroughCache(url: URL, opts: FetchOptions = {}): Promise<Uint8Array> {
  const mode = opts.mode ?? 'cache-first';
  const cache = await caches.open(FILE_CACHE).catch(() => undefined);
  /** The kept copy, when it passes the caller's check: a fallback for network-first files. */
  const keptCopy = async (): Promise<Uint8Array | undefined> => {
    const kept = mode === 'network-first' ? await cache?.match(url) : undefined;
    if (!kept) return undefined;
    const bytes = await readKept(url, kept, opts);
    return passes(bytes, opts) ? bytes : undefined;
  };
  if (mode === 'cache-first' && cache) {
    const hit = await cache.match(url);
    if (hit) return readKept(url, hit, opts);
  }
  let res: Response;
  try {
    res = await fetch(url, { cache: mode === 'cache-first' ? 'default' : 'no-store' });
  } catch (err) {
    // Offline: the last copy kept is the answer (this is how the manifest works offline).
    const kept = await keptCopy();
    if (kept) return kept;
    throw new Error(`${url.pathname}: ${navigator.onLine ? (err as Error).message : 'offline, and not kept for offline use'}`);
  }
  if (!res.ok || !res.body) {
    // A failing server is no worse than no network: the kept manifest still describes kept files.
    const kept = await keptCopy();
    if (kept) return kept;
    throw new Error(`${url.pathname}: HTTP ${res.status}`);
  }
  const bytes = await readBody(url, res, opts);
  if (!passes(bytes, opts)) {
    // A broken file from the server (a host's HTML page, a cut-off manifest) never replaces a good kept one.
    const kept = await keptCopy();
    if (kept) return kept;
    opts.check!(bytes);
  }
  if (cache && mode !== 'network-only') {
    try {
      await cache.put(url, new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) } }));
    } catch (err) {
      const e = err as Error;
      opts.onNotKept?.(e.name === 'QuotaExceededError' ? `the browser's storage for this site is full (${(bytes.byteLength / 1e6).toFixed(1)} MB more needed)` : e.message);
    }
  }
  return bytes;
}

function passes(bytes: Uint8Array, opts: FetchOptions): boolean {
  try {
    opts.check?.(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Deletes every kept file but `urls` (after a new catalog version has loaded), and their notes. */
export async function keepOnly(urls: URL[]): Promise<void> {
  const wanted = new Set(urls.map((u) => u.href));
  for (const name of [FILE_CACHE, CHECKED_CACHE]) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) if (!wanted.has(req.url)) await cache.delete(req);
  }
}

/**
 * Whether `bytes` are those of `url` that passed the engine's SHA-256 check before: a kept
 * copy, unchanged since. Hashing a 60k catalog's 80 MB again at every start cost the worker
 * about 0.15 s; the checksum costs a fifth of that, and only where a note exists.
 */
export async function checkedBefore(url: URL, bytes: Uint8Array): Promise<boolean> {
  try {
    const note = await (await caches.open(CHECKED_CACHE)).match(url);
    return note !== undefined && (await note.text()) === checksum(bytes);
  } catch {
    // A note that cannot be read is no note: the bytes get the full check.
    return false;
  }
}

/** Notes that these bytes of `url` passed the check. */
export async function rememberChecked(url: URL, bytes: Uint8Array): Promise<void> {
  await (await caches.open(CHECKED_CACHE)).put(url, new Response(checksum(bytes)));
}

/**
 * A kept file's bytes in one read: from the disk it comes at once. Read as a stream of
 * chunks copied together, the 80 MB of a 60k catalog took about 0.25 s of the worker's
 * samples in a profile of one offline start.
 */
async function readKept(url: URL, kept: Response, opts: FetchOptions): Promise<Uint8Array> {
  const bytes = new Uint8Array(
    await kept.arrayBuffer().catch((err: Error) => {
      throw new Error(`${url.pathname}: ${err.message}`);
    }),
  );
  opts.onBytes?.(bytes.byteLength, bytes.byteLength);
  return bytes;
}

/** A response body as bytes, read as a stream to report progress. */
async function readBody(url: URL, res: Response, opts: FetchOptions): Promise<Uint8Array> {
  const length = Number(res.headers.get('content-length')) || undefined;
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((err: Error) => {
      throw new Error(`${url.pathname}: ${err.message}`);
    });
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
