import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECKED_CACHE, checkedBefore, fetchThroughCache, FILE_CACHE, keepOnly, rememberChecked } from './fileCache.ts';

/** Cache Storage as the browser has it, in memory (the kept files in `store`, their notes in `notes`); `full` makes every put fail as a full quota does. */
function fakeCaches() {
  const state = { full: false };
  const cacheOver = (store: Map<string, Uint8Array>) => ({
    async match(url: URL | string) {
      const bytes = store.get(String(url));
      return bytes && new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-length': String(bytes.length) } });
    },
    async put(url: URL | string, res: Response) {
      if (state.full) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      store.set(String(url), new Uint8Array(await res.arrayBuffer()));
    },
    async keys() {
      return [...store.keys()].map((url) => new Request(url));
    },
    async delete(req: Request) {
      return store.delete(req.url);
    },
  });
  const store = new Map<string, Uint8Array>();
  const notes = new Map<string, Uint8Array>();
  const byName: Record<string, ReturnType<typeof cacheOver>> = { [FILE_CACHE]: cacheOver(store), [CHECKED_CACHE]: cacheOver(notes) };
  return { store, notes, state, caches: { open: async (name: string) => byName[name] ?? Promise.reject(new Error(name)) } };
}

const url = (p: string) => new URL(p, 'https://marquee.test/');

describe('file cache (the engine worker\'s offline copy of catalog, index and model)', () => {
  let fake: ReturnType<typeof fakeCaches>;
  let served: Record<string, string>;
  let offline: boolean;
  const fetched: string[] = [];

  beforeEach(() => {
    fake = fakeCaches();
    served = { 'https://marquee.test/data/a.bin?v=1': 'version one', 'https://marquee.test/data/manifest.json': '{"v":2}' };
    offline = false;
    fetched.length = 0;
    vi.stubGlobal('caches', fake.caches);
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal('fetch', async (u: URL) => {
      fetched.push(u.href);
      if (offline) throw new TypeError('Failed to fetch');
      const body = served[u.href];
      return body === undefined ? new Response('missing', { status: 404 }) : new Response(body, { headers: { 'content-length': String(body.length) } });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  it('keeps a file on first use and answers from the copy after, with byte progress either way', async () => {
    const progress: number[] = [];
    expect(text(await fetchThroughCache(url('data/a.bin?v=1'), { onBytes: (n) => progress.push(n) }))).toBe('version one');
    expect(text(await fetchThroughCache(url('data/a.bin?v=1'), { onBytes: (n) => progress.push(n) }))).toBe('version one');
    expect(fetched).toEqual(['https://marquee.test/data/a.bin?v=1']);
    expect(progress).toEqual([11, 11]);
  });

  it('fetches past the copy on reload and replaces it', async () => {
    await fetchThroughCache(url('data/a.bin?v=1'));
    fake.store.set('https://marquee.test/data/a.bin?v=1', new TextEncoder().encode('corrupt'));
    expect(text(await fetchThroughCache(url('data/a.bin?v=1'), { mode: 'reload' }))).toBe('version one');
    expect(text(fake.store.get('https://marquee.test/data/a.bin?v=1')!)).toBe('version one');
  });

  it('takes the manifest from the network when online, and the kept one when offline or the server fails', async () => {
    expect(text(await fetchThroughCache(url('data/manifest.json'), { mode: 'network-first' }))).toBe('{"v":2}');
    served['https://marquee.test/data/manifest.json'] = '{"v":3}';
    expect(text(await fetchThroughCache(url('data/manifest.json'), { mode: 'network-first' }))).toBe('{"v":3}');
    delete served['https://marquee.test/data/manifest.json'];
    expect(text(await fetchThroughCache(url('data/manifest.json'), { mode: 'network-first' }))).toBe('{"v":3}');
    offline = true;
    expect(text(await fetchThroughCache(url('data/manifest.json'), { mode: 'network-first' }))).toBe('{"v":3}');
    await expect(fetchThroughCache(url('data/other.bin?v=9'))).rejects.toThrow('/data/other.bin: Failed to fetch');
  });

  it('answers the kept manifest when the server sends a broken one, and never keeps the broken one', async () => {
    const check = (bytes: Uint8Array) => void JSON.parse(text(bytes));
    expect(text(await fetchThroughCache(url('data/manifest.json'), { mode: 'network-first', check }))).toBe('{"v":2}');
    // What a static host answers for a missing file, and a cut-off download.
    for (const broken of ['<!doctype html><title>Marquee</title>', '{"v":']) {
      served['https://marquee.test/data/manifest.json'] = broken;
      expect(text(await fetchThroughCache(url('data/manifest.json'), { mode: 'network-first', check }))).toBe('{"v":2}');
      expect(text(fake.store.get('https://marquee.test/data/manifest.json')!)).toBe('{"v":2}');
    }
    // With no good copy kept, the check's own error is the answer.
    fake.store.clear();
    await expect(fetchThroughCache(url('data/manifest.json'), { mode: 'network-first', check })).rejects.toThrow(SyntaxError);
    expect(fake.store.size).toBe(0);
  });

  it('looks for updates without keeping what it finds', async () => {
    await fetchThroughCache(url('data/manifest.json'), { mode: 'network-first' });
    served['https://marquee.test/data/manifest.json'] = '{"v":4}';
    expect(text(await fetchThroughCache(url('data/manifest.json'), { mode: 'network-only' }))).toBe('{"v":4}');
    expect(text(fake.store.get('https://marquee.test/data/manifest.json')!)).toBe('{"v":2}');
  });

  it('still answers when the storage is full, and says the file was not kept', async () => {
    fake.state.full = true;
    const reasons: string[] = [];
    expect(text(await fetchThroughCache(url('data/a.bin?v=1'), { onNotKept: (r) => reasons.push(r) }))).toBe('version one');
    expect(reasons).toEqual(["the browser's storage for this site is full (0.0 MB more needed)"]);
    expect(fake.store.size).toBe(0);
  });

  it('reports a missing file with its path and status', async () => {
    await expect(fetchThroughCache(url('data/gone.bin?v=1'))).rejects.toThrow('/data/gone.bin: HTTP 404');
  });

  it('forgets every kept file but the current ones, and their notes', async () => {
    served['https://marquee.test/data/a.bin?v=2'] = 'version two';
    for (const v of ['1', '2']) await rememberChecked(url(`data/a.bin?v=${v}`), await fetchThroughCache(url(`data/a.bin?v=${v}`)));
    await keepOnly([url('data/a.bin?v=2')]);
    expect([...fake.store.keys()]).toEqual(['https://marquee.test/data/a.bin?v=2']);
    expect([...fake.notes.keys()]).toEqual(['https://marquee.test/data/a.bin?v=2']);
  });

  it('knows a kept copy that passed the check by its note, and not once a byte of it has changed', async () => {
    const bytes = await fetchThroughCache(url('data/a.bin?v=1'));
    expect(await checkedBefore(url('data/a.bin?v=1'), bytes)).toBe(false);
    await rememberChecked(url('data/a.bin?v=1'), bytes);
    expect(await checkedBefore(url('data/a.bin?v=1'), await fetchThroughCache(url('data/a.bin?v=1')))).toBe(true);
    const damaged = bytes.slice();
    damaged[0] = damaged[0]! ^ 1;
    expect(await checkedBefore(url('data/a.bin?v=1'), damaged)).toBe(false);
    expect(await checkedBefore(url('data/a.bin?v=2'), bytes)).toBe(false);
    // Storage that cannot be read means the full check, not a failed stage.
    vi.stubGlobal('caches', { open: async () => ({ match: async () => Promise.reject(new DOMException('denied', 'SecurityError')) }) });
    expect(await checkedBefore(url('data/a.bin?v=1'), bytes)).toBe(false);
  });
});
