import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { nodePlatform as nodeFiles } from '../../tools/runtime/nodePlatform.ts';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import { MANIFEST_FORMAT } from '../catalog/manifest.ts';
import { createEngine, type Platform, type Stage, type StageStatus } from './engine.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The Node platform over a built catalog, counting model loads, with parts replaced. */
function nodePlatform(dataDir: string, overrides: Partial<Platform> = {}): Platform & { embedderLoads: number } {
  const files = nodeFiles(dataDir);
  const platform = {
    ...files,
    embedderLoads: 0,
    loadEmbedder: (f: Parameters<Platform['loadEmbedder']>[0]) => {
      platform.embedderLoads++;
      return files.loadEmbedder(f);
    },
    ...overrides,
  };
  return platform;
}

describe('engine (worker logic, in Node)', async () => {
  const { outDir } = fixtureCatalog();

  it('loads in stages once, however often init is called, and answers every kind of query', async () => {
    const platform = nodePlatform(outDir);
    const engine = createEngine(platform);
    const events: [Stage, StageStatus['state']][] = [];
    const [a, b] = await Promise.all([engine.init((s, st) => events.push([s, st.state])), engine.init()]);
    expect(a).toBe(b);
    expect(platform.embedderLoads).toBe(1);
    expect(Object.values(engine.status()).map((s) => s.state)).toEqual(['ready', 'ready', 'ready']);
    expect(events.filter(([, st]) => st === 'ready').map(([s]) => s)).toEqual(expect.arrayContaining(['catalog', 'index', 'model']));
    expect(events.findIndex(([s, st]) => s === 'catalog' && st === 'ready')).toBeLessThan(events.findIndex(([s, st]) => s === 'index' && st === 'ready'));

    const [toyStory] = engine.searchTitles('toy stroy');
    expect(toyStory!.title).toBe('Toy Story');
    expect(toyStory!.key).toBe('trakt:55010');
    expect(engine.title(toyStory!.key)).toMatchObject({ title: 'Toy Story', genres: expect.arrayContaining(['animation']) });
    expect(engine.title('tmdb:862')).toMatchObject({ key: 'trakt:55010' });
    expect(engine.title('trakt:123456')).toBeUndefined();
    expect(engine.facets()).toMatchObject({ types: { movie: 24, show: 3 }, genres: expect.arrayContaining([{ value: 'animation', titles: expect.any(Number) }]) });
    expect(engine.similar(toyStory!.key, 3).map((r) => r.entry.title)[0]).toBe('Toy Story 2');
    expect((await engine.searchText('a heist by stage magicians', 3)).map((r) => r.entry.title)).toContain('Now You See Me');
    const recommended = engine.recommendFrom([toyStory!.key, 'tmdb:abc', 'trakt:1'], 2, {}, ['trakt:55011']).map((r) => r.entry.key);
    expect(recommended).toHaveLength(2);
    expect(recommended).not.toContain(toyStory!.key);
    // Titles already seen are left out, and the answer still has as many as asked.
    expect(recommended).not.toContain('trakt:55011');
    // A shared list's keys: the catalog's titles in their order, unknown and damaged keys skipped.
    expect(engine.titlesOf(['trakt:55011', 'trakt:999999', 'tmdb:abc', toyStory!.key]).map((t) => t.title)).toEqual(['Toy Story 2', 'Toy Story']);
  });

  it('answers the query CLI with the same ranking, its flags read as the same filters', async () => {
    const engine = createEngine(nodePlatform(outDir));
    await engine.init();
    const flags = ['--genre', 'crime,drama', '--year', '1980-2015', '--k', '5'];
    const cli = JSON.parse((await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['tools/query.ts', 'similar', 'Heat', '--json', '--data', outDir, ...flags], { cwd: ROOT })).stdout);
    const mine = engine.similar(cli.resolved.key, 5, { genres: ['crime', 'drama'], yearMin: 1980, yearMax: 2015 });
    expect(mine).toHaveLength(5);
    expect(mine.map((r) => [r.entry.key, Math.round(r.score * 10000) / 10000])).toEqual(cli.results.map((r: { key: string; score: number }) => [r.key, r.score]));
  });

  it('keeps title search and similar working when the model fails, and says why', async () => {
    const engine = createEngine(nodePlatform(outDir, { loadEmbedder: async () => Promise.reject(new Error('no WebGPU adapter and no WASM')) }));
    const status = await engine.init();
    expect(status).toMatchObject({ catalog: { state: 'ready' }, index: { state: 'ready' }, model: { state: 'failed', error: 'no WebGPU adapter and no WASM' } });
    expect(engine.searchTitles('heat').length).toBeGreaterThan(0);
    expect(engine.similar('trakt:55010', 2)).toHaveLength(2);
    await expect(engine.searchText('heist', 3)).rejects.toThrow('the model is failed: no WebGPU adapter and no WASM');
  });

  it('keeps title search working when the index download fails', async () => {
    const platform = nodePlatform(outDir);
    const fetchBytes = platform.fetchBytes;
    const engine = createEngine({ ...platform, fetchBytes: (p, o) => (p.includes('.i8') ? Promise.reject(new Error(`${p}: HTTP 503`)) : fetchBytes(p, o)) });
    const status = await engine.init();
    expect(status.index).toEqual({ state: 'failed', error: 'data/vectors.i8: HTTP 503' });
    expect(status.catalog.state).toBe('ready');
    expect(engine.searchTitles('toy').length).toBeGreaterThan(0);
    expect(() => engine.similar('trakt:55010', 3)).toThrow('the index is failed: data/vectors.i8: HTTP 503');
  });

  it('fetches a corrupt download once more, and fails only that stage when it stays corrupt', async () => {
    const platform = nodePlatform(outDir);
    const fetchBytes = platform.fetchBytes;
    const fetched: string[] = [];
    const corruptOnce = createEngine({
      ...platform,
      fetchBytes: async (p, o) => {
        fetched.push(`${p.split('?')[0]} ${o?.mode ?? 'cache-first'}`);
        const bytes = await fetchBytes(p);
        return p.includes('.i8') && o?.mode !== 'reload' ? bytes.subarray(0, bytes.length - 100) : bytes;
      },
    });
    expect((await corruptOnce.init()).index.state).toBe('ready');
    expect(fetched.filter((f) => f.includes('.i8'))).toEqual(['data/vectors.i8 cache-first', 'data/vectors.i8 reload']);

    const alwaysCorrupt = createEngine({
      ...platform,
      fetchBytes: async (p) => {
        const bytes = new Uint8Array(await fetchBytes(p));
        if (p.includes('.sqlite') || p.includes('tokenizer.json')) bytes[100] = bytes[100]! ^ 0xff;
        return bytes;
      },
    });
    const status = await alwaysCorrupt.init();
    expect(status.catalog.state).toBe('failed');
    expect(status.catalog.error).toMatch(/^data\/catalog\.sqlite is not the file the manifest describes \(SHA-256 .*\), twice/);
    expect(status.index.state).toBe('ready');
    // The model files are checked against the manifest the same way.
    expect(status.model.error).toMatch(/^models\/all-MiniLM-L6-v2\/tokenizer\.json is not the file the manifest describes/);
  });

  it('skips the SHA-256 check of bytes that passed it before, and still catches a copy damaged since', async () => {
    const files = nodePlatform(outDir);
    // The platform's own checksum is its business (workers/checksum.ts in the browser); any will do here.
    const sum = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
    const notes = new Map<string, string>();
    // Only this test's bytes count: engines of earlier tests may still be loading beside it.
    const served = new Set<Uint8Array>();
    const withNotes = (fetchBytes = files.fetchBytes): Platform => ({
      ...files,
      fetchBytes: async (p, o) => {
        const bytes = await fetchBytes(p, o);
        served.add(bytes);
        return bytes;
      },
      checkedBefore: async (p, bytes) => notes.get(p) === sum(bytes),
      rememberChecked: async (p, bytes) => void notes.set(p, sum(bytes)),
    });
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const hashed = () => digest.mock.calls.filter(([, bytes]) => served.has(bytes as Uint8Array)).length;
    try {
      await createEngine(withNotes()).init();
      expect(hashed()).toBeGreaterThan(0);
      expect(notes.size).toBe(hashed());

      digest.mockClear();
      expect(Object.values(await createEngine(withNotes()).init()).map((s) => s.state)).toEqual(['ready', 'ready', 'ready']);
      expect(hashed()).toBe(0);

      const fetched: string[] = [];
      const damagedVectors = withNotes(async (p, o) => {
        fetched.push(`${p.split('?')[0]} ${o?.mode ?? 'cache-first'}`);
        const bytes = new Uint8Array(await files.fetchBytes(p, o));
        if (p.includes('.i8') && o?.mode !== 'reload') bytes[9] = bytes[9]! ^ 1;
        return bytes;
      });
      expect((await createEngine(damagedVectors).init()).index.state).toBe('ready');
      expect(fetched.filter((f) => f.includes('.i8'))).toEqual(['data/vectors.i8 cache-first', 'data/vectors.i8 reload']);
      // The damaged copy and the one fetched again: every other file was known by its note.
      expect(hashed()).toBe(2);
    } finally {
      digest.mockRestore();
    }
  });

  it('fails the catalog stage, saying why, when the texts file the manifest vouches for is cut off', async () => {
    const platform = nodePlatform(outDir);
    const manifest = JSON.parse(new TextDecoder().decode(await platform.fetchBytes('data/manifest.json')));
    const texts = (await platform.fetchBytes(`data/${manifest.texts.file}`)).slice(0, -10);
    manifest.texts = { ...manifest.texts, bytes: texts.length, sha256: createHash('sha256').update(texts).digest('hex') };
    const status = await createEngine({
      ...platform,
      fetchBytes: async (p, o) =>
        p.startsWith('data/manifest.json') ? new TextEncoder().encode(JSON.stringify(manifest)) : p.startsWith('data/texts.bin') ? texts : platform.fetchBytes(p, o),
    }).init();
    expect(status.catalog.state).toBe('failed');
    expect(status.catalog.error).toMatch(/^the titles' text file is \d+ bytes, expected \d+ \(cut off\)$/);
    expect(status.index.state).toBe('ready');
  });

  it('loads the index before the model, so that "more like this" never waits on the model', async () => {
    const events: string[] = [];
    await createEngine(nodePlatform(outDir)).init((stage, st) => events.push(`${stage} ${st.state}`));
    expect(events.indexOf('index ready')).toBeGreaterThan(events.indexOf('catalog ready'));
    expect(events.indexOf('model loading')).toBeGreaterThan(events.indexOf('index ready'));
    expect(events.at(-1)).toBe('model ready');
  });

  it('reports bytes while loading, and which device the model runs on', async () => {
    const engine = createEngine(nodePlatform(outDir));
    const events: StageStatus[] = [];
    await engine.init((stage, st) => stage === 'index' && events.push(st));
    const { index, neighbours } = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8'));
    const progress = events.filter((e) => e.state === 'loading' && e.total);
    expect(progress.length).toBeGreaterThan(0);
    // The last report before ready counts both downloads of the stage in full.
    expect(progress.at(-1)).toMatchObject({ loaded: index.bytes + neighbours.bytes, total: index.bytes + neighbours.bytes });
    expect(engine.status().model).toMatchObject({ state: 'ready', device: 'cpu' });
  });

  it('fails a stage that stops making progress, and keeps the others', async () => {
    const engine = createEngine(nodePlatform(outDir, { loadEmbedder: () => new Promise(() => {}) }), { stallMs: 200 });
    const status = await engine.init();
    expect(status.model).toEqual({ state: 'failed', error: 'no progress for 0.2 s' });
    expect(status.catalog.state).toBe('ready');
    expect(status.index.state).toBe('ready');
  });

  it('asks for files under their versions, keeps only those once loaded, and says when a file could not be kept offline', async () => {
    const platform = nodePlatform(outDir);
    const fetchBytes = platform.fetchBytes;
    const asked: string[] = [];
    let kept: string[] = [];
    const engine = createEngine({
      ...platform,
      fetchBytes: (p, o) => {
        asked.push(`${p} ${o?.mode ?? 'cache-first'}`);
        if (p.includes('vectors.i8')) o?.onNotKept?.('the storage is full');
        return fetchBytes(p, o);
      },
      keepOnly: async (paths) => void (kept = paths),
    });
    const status = await engine.init();
    const { index } = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8'));
    expect(asked).toContain('data/manifest.json network-first');
    expect(asked).toContain(`data/vectors.i8?v=${index.sha256.slice(0, 16)} cache-first`);
    expect(kept.sort()).toEqual(asked.map((a) => a.split(' ')[0]!).sort());
    expect(status.index).toMatchObject({ state: 'ready', notKept: 'the storage is full' });
    expect(status.catalog.notKept).toBeUndefined();
  });

  it('finds a newer catalog on the site, and nothing when it is current or unreachable', async () => {
    const platform = nodePlatform(outDir);
    const fetchBytes = platform.fetchBytes;
    let newer = false;
    let offline = false;
    const engine = createEngine({
      ...platform,
      fetchBytes: async (p, o) => {
        if (offline) throw new Error('offline');
        const bytes = await fetchBytes(p, o);
        if (!p.endsWith('manifest.json') || !newer) return bytes;
        const manifest = JSON.parse(new TextDecoder().decode(bytes));
        return new TextEncoder().encode(JSON.stringify({ ...manifest, version: 'ffffffffffffffff' }));
      },
    });
    await engine.init();
    expect(engine.catalogInfo()).toMatchObject({ titles: 27 });
    expect(await engine.checkForUpdate()).toBeNull();
    newer = true;
    expect(await engine.checkForUpdate()).toMatchObject({ version: 'ffffffffffffffff', titles: 27 });
    offline = true;
    expect(await engine.checkForUpdate()).toBeNull();
  });

  it('reports a missing catalog on every stage, to whoever listens', async () => {
    const events: [Stage, StageStatus][] = [];
    const status = await createEngine(nodePlatform('/nonexistent')).init((stage, st) => events.push([stage, st]));
    expect(Object.values(status).map((s) => s.state)).toEqual(['failed', 'failed', 'failed']);
    expect(status.catalog.error).toMatch(/^catalog manifest: \/nonexistent\/manifest\.json is missing/);
    // The app learns of the failure through these events: without them it waited forever.
    expect(events.map(([stage, st]) => [stage, st.state])).toEqual([['catalog', 'failed'], ['index', 'failed'], ['model', 'failed']]);
  });

  /** The fixture's manifest, rewritten by `edit` on its way to the engine. */
  const withManifest = (edit: (text: string) => string): Platform => {
    const platform = nodePlatform(outDir);
    return {
      ...platform,
      fetchBytes: async (p, o) => {
        if (!p.endsWith('manifest.json')) return platform.fetchBytes(p, o);
        const bytes = new TextEncoder().encode(edit(new TextDecoder().decode(await platform.fetchBytes(p))));
        o?.check?.(bytes);
        return bytes;
      },
    };
  };

  it('says what is wrong with a manifest that is cut off, a web page, or of another format', async () => {
    const cases: [string, (text: string) => string, RegExp][] = [
      ['cut off', (t) => t.slice(0, 200), /^catalog manifest: manifest\.json is not valid JSON \(200 bytes; cut off in transfer\?\)$/],
      ['a host\'s page for a missing file', () => '<!doctype html><html><body>Marquee</body></html>', /^catalog manifest: manifest\.json is a web page, not a catalog manifest/],
      ['an older build', (t) => JSON.stringify({ ...JSON.parse(t), format: undefined }), new RegExp(`^catalog manifest: the catalog was built in manifest format 1, this version reads format ${MANIFEST_FORMAT}: rebuild it with .npm run catalog.$`)],
      ['a newer build', () => '{"format": 999}', /manifest format 999/],
      ['not an object', () => 'null', /does not describe a catalog/],
    ];
    for (const [what, edit, message] of cases) {
      const events: Stage[] = [];
      const status = await createEngine(withManifest(edit)).init((stage) => events.push(stage));
      for (const stage of ['catalog', 'index', 'model'] as const) expect(status[stage].error, what).toMatch(message);
      expect(events.sort(), what).toEqual(['catalog', 'index', 'model']);
    }
  });

  it('always says why a stage failed, also when a WASM runtime throws something that is not an Error', async () => {
    const wasmThrow = typeof WebAssembly.Exception === 'function' ? new WebAssembly.Exception(new WebAssembly.Tag({ parameters: [] }), []) : undefined;
    for (const thrown of [wasmThrow, undefined, { code: 7 }, new Error('')]) {
      const engine = createEngine(nodePlatform(outDir, { loadEmbedder: () => Promise.reject(thrown) }));
      const status = await engine.init();
      expect(status.model.state).toBe('failed');
      expect(status.model.error).toMatch(/\w{4,}/);
      expect(status.model.error).not.toMatch(/undefined|\[object/);
      await expect(engine.searchText('toys', 3)).rejects.toThrow(`the model is failed: ${status.model.error}`);
    }
    expect(wasmThrow && (await createEngine(nodePlatform(outDir, { openDatabase: () => Promise.reject(wasmThrow) })).init()).catalog.error).toBe(
      'the WebAssembly runtime failed on this file (it may be corrupt or from another version)',
    );
  });

  it('does not fail a stage that is busy computing without new bytes', async () => {
    const files = nodePlatform(outDir);
    const busy = async <T>(result: T): Promise<T> => {
      // 2 s of work in 500 ms slices that yield, as a large catalog or a model session is set up: over six times the stall limit.
      for (let slice = 0; slice < 4; slice++) {
        const until = performance.now() + 500;
        while (performance.now() < until);
        await new Promise((r) => setTimeout(r, 0));
      }
      return result;
    };
    const engine = createEngine({ ...files, openDatabase: async (bytes) => busy(await files.openDatabase(bytes)) }, { stallMs: 300 });
    const status = await engine.init();
    expect(status.catalog.state).toBe('ready');
  });

  it('drops what a stalled stage loads after it was declared failed', async () => {
    const files = nodePlatform(outDir);
    let lateEmbedder: Promise<unknown> | undefined;
    const engine = createEngine(
      { ...files, loadEmbedder: (f) => (lateEmbedder = new Promise((r) => setTimeout(r, 600)).then(() => files.loadEmbedder(f))) as ReturnType<Platform['loadEmbedder']> },
      { stallMs: 200 },
    );
    expect((await engine.init()).model).toEqual({ state: 'failed', error: 'no progress for 0.2 s' });
    await lateEmbedder;
    expect(engine.status().model.state).toBe('failed');
    await expect(engine.searchText('heist', 3)).rejects.toThrow('the model is failed: no progress for 0.2 s');
  });

  it('names titles by key or source id, and refuses a malformed reference instead of guessing', async () => {
    const engine = createEngine(nodePlatform(outDir), { stages: ['catalog'] });
    await engine.init();
    expect(engine.title('imdb:tt0114709')?.title).toBe('Toy Story');
    expect(engine.title('id:0')?.key).toMatch(/^(show:)?trakt:\d+$/);
    for (const bad of ['tmdb:abc', 'trakt:-1', 'trakt:', 'imdb:114709', 'tmdb:99999999999999999999', 'id:x']) {
      expect(() => engine.title(bad), bad).toThrow(/is not a valid title reference: use trakt:N, tmdb:N, imdb:ttN/);
    }
    // Not shaped like a reference at all: a title with a colon is a title.
    expect(engine.title('Mission: Impossible')).toBeUndefined();
  });

  it('finds kept titles again after a rebuild, by key, by source id, or by exact title and year', async () => {
    const engine = createEngine(nodePlatform(outDir), { stages: ['catalog'] });
    await engine.init();
    const toyStory = { type: 'movie' as const, title: 'Toy Story', year: 1995 };
    expect(
      engine.matchTitles([
        { ...toyStory, key: 'trakt:55010', ids: {} },
        // Kept from a catalog of another source: its key there was the TMDB one.
        { ...toyStory, key: 'tmdb:862', ids: { tmdb: 862 } },
        // Kept from the demo catalog, which has no ids.
        { ...toyStory, key: 'h:0123456789abcdef', ids: {} },
        { type: 'movie', title: 'A Film Not Here', year: 2001, key: 'trakt:1', ids: { trakt: 1 } },
        // The catalog's Heats are of 1986 and 1995: another year is another film.
        { type: 'movie', title: 'Heat', year: 1990, key: 'h:fedcba9876543210', ids: {} },
      ]),
    ).toEqual([...Array(3).fill({ ...toyStory, key: 'trakt:55010', ids: { trakt: 55010, tmdb: 862, imdb: 'tt0114709' } }), null, null]);
  });
});
