import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../src/embedding/embedder.ts';
import { MODEL_ROOT } from '../tools/paths.ts';
import { loadHnswlibInNode } from '../tools/runtime/hnswlibNode.ts';
import { buildFixtureCatalog } from '../tools/testing/fixtureCatalog.ts';
import { createEngine, type OnBytes, type Platform, type Stage, type StageStatus } from './engine.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

/** The engine's platform in Node: files instead of fetch, the WASM index through the shims, MiniLM on the CPU. */
function nodePlatform(siteDir: string, overrides: Partial<Platform> = {}): Platform & { embedderLoads: number } {
  const platform = {
    embedderLoads: 0,
    fetchBytes: async (sitePath: string, o?: { onBytes?: OnBytes }) => {
      // The site serves the model beside the data (tools/vite/serveFiles.ts), and ignores `?v=`.
      const p = sitePath.split('?')[0]!;
      const file = p.startsWith('models/') ? path.join(MODEL_ROOT, p.slice('models/'.length)) : path.join(siteDir, p);
      const bytes = new Uint8Array(await readFile(file));
      // Two chunks, as a stream would report them.
      o?.onBytes?.(bytes.length >> 1);
      o?.onBytes?.(bytes.length);
      return bytes;
    },
    openDatabase: async (bytes: Uint8Array) => new (await initSqlJs()).Database(bytes),
    loadHnswlib: loadHnswlibInNode,
    loadEmbedder: async () => {
      platform.embedderLoads++;
      return loadEmbedder({ modelRoot: MODEL_ROOT, device: 'cpu' });
    },
    ...overrides,
  };
  return platform;
}

describe('engine (worker logic, in Node)', async () => {
  const { outDir } = await buildFixtureCatalog();
  const site = path.dirname(outDir); // the catalog lives in <site>/data/

  it('loads in stages once, however often init is called, and answers every kind of query', async () => {
    const platform = nodePlatform(site);
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
    expect(engine.title(toyStory!.id)).toMatchObject({ title: 'Toy Story', genres: expect.arrayContaining(['animation']) });
    expect(engine.title(123456)).toBeUndefined();
    expect(engine.facets()).toMatchObject({ types: { movie: 24, show: 3 }, genres: expect.arrayContaining([{ value: 'animation', titles: expect.any(Number) }]) });
    expect(engine.similar(toyStory!.id, 3).map((r) => r.entry.title)[0]).toBe('Toy Story 2');
    expect((await engine.searchText('a heist by stage magicians', 3)).map((r) => r.entry.title)).toContain('Now You See Me');
    expect(engine.recommendFrom([toyStory!.id], 2).map((r) => r.entry.id)).not.toContain(toyStory!.id);
  });

  it('ranks exactly as the query CLI does on the same queries', async () => {
    const engine = createEngine(nodePlatform(site));
    await engine.init();
    for (const [title, flags] of [['Heat', ['--genre', 'crime']], ['Spirited Away', []], ['Inception', ['--year', '2000-2015']]] as const) {
      const cli = JSON.parse((await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['tools/query.ts', 'similar', title, '--k', '5', '--json', '--data', outDir, ...flags], { cwd: ROOT })).stdout);
      const filters = flags[0] === '--genre' ? { genres: ['crime'] } : flags[0] === '--year' ? { yearMin: 2000, yearMax: 2015 } : {};
      const mine = engine.similar(cli.resolved.id, 5, filters);
      expect(mine.map((r) => [r.entry.id, Math.round(r.score * 10000) / 10000])).toEqual(cli.results.map((r: { id: number; score: number }) => [r.id, r.score]));
    }
  });

  it('keeps title search and similar working when the model fails, and says why', async () => {
    const engine = createEngine(nodePlatform(site, { loadEmbedder: async () => Promise.reject(new Error('no WebGPU adapter and no WASM')) }));
    const status = await engine.init();
    expect(status).toMatchObject({ catalog: { state: 'ready' }, index: { state: 'ready' }, model: { state: 'failed', error: 'no WebGPU adapter and no WASM' } });
    expect(engine.searchTitles('heat').length).toBeGreaterThan(0);
    expect(engine.similar(0, 2)).toHaveLength(2);
    await expect(engine.searchText('heist', 3)).rejects.toThrow('the model is failed: no WebGPU adapter and no WASM');
  });

  it('keeps title search working when the index download fails', async () => {
    const platform = nodePlatform(site);
    const fetchBytes = platform.fetchBytes;
    const engine = createEngine({ ...platform, fetchBytes: (p, o) => (p.includes('.hnsw') ? Promise.reject(new Error(`${p}: HTTP 503`)) : fetchBytes(p, o)) });
    const status = await engine.init();
    expect(status.index).toEqual({ state: 'failed', error: 'data/catalog.hnsw: HTTP 503' });
    expect(status.catalog.state).toBe('ready');
    expect(engine.searchTitles('toy').length).toBeGreaterThan(0);
    expect(() => engine.similar(0, 3)).toThrow('the index is failed: data/catalog.hnsw: HTTP 503');
  });

  it('fetches a corrupt download once more, and fails only that stage when it stays corrupt', async () => {
    const platform = nodePlatform(site);
    const fetchBytes = platform.fetchBytes;
    const fetched: string[] = [];
    const corruptOnce = createEngine({
      ...platform,
      fetchBytes: async (p, o) => {
        fetched.push(`${p.split('?')[0]} ${o?.mode ?? 'cache-first'}`);
        const bytes = await fetchBytes(p);
        return p.includes('.hnsw') && o?.mode !== 'reload' ? bytes.subarray(0, bytes.length - 100) : bytes;
      },
    });
    expect((await corruptOnce.init()).index.state).toBe('ready');
    expect(fetched.filter((f) => f.includes('.hnsw'))).toEqual(['data/catalog.hnsw cache-first', 'data/catalog.hnsw reload']);

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

  it('reports bytes while loading, and which device the model runs on', async () => {
    const engine = createEngine(nodePlatform(site));
    const events: StageStatus[] = [];
    await engine.init((stage, st) => stage === 'index' && events.push(st));
    const { index, neighbours } = JSON.parse(await readFile(path.join(site, 'data/manifest.json'), 'utf8'));
    const progress = events.filter((e) => e.state === 'loading' && e.total);
    expect(progress.length).toBeGreaterThan(0);
    // The last report before ready counts both downloads of the stage in full.
    expect(progress.at(-1)).toMatchObject({ loaded: index.bytes + neighbours.bytes, total: index.bytes + neighbours.bytes });
    expect(engine.status().model).toMatchObject({ state: 'ready', device: 'cpu' });
  });

  it('fails a stage that stops making progress, and keeps the others', async () => {
    const engine = createEngine(nodePlatform(site, { loadEmbedder: () => new Promise(() => {}) }), { stallMs: 200 });
    const status = await engine.init();
    expect(status.model).toEqual({ state: 'failed', error: 'no progress for 0.2 s' });
    expect(status.catalog.state).toBe('ready');
    expect(status.index.state).toBe('ready');
  });

  it('asks for files under their versions, keeps only those once loaded, and says when a file could not be kept offline', async () => {
    const platform = nodePlatform(site);
    const fetchBytes = platform.fetchBytes;
    const asked: string[] = [];
    let kept: string[] = [];
    const engine = createEngine({
      ...platform,
      fetchBytes: (p, o) => {
        asked.push(`${p} ${o?.mode ?? 'cache-first'}`);
        if (p.includes('catalog.hnsw')) o?.onNotKept?.('the storage is full');
        return fetchBytes(p, o);
      },
      keepOnly: async (paths) => void (kept = paths),
    });
    const status = await engine.init();
    const { index } = JSON.parse(await readFile(path.join(site, 'data/manifest.json'), 'utf8'));
    expect(asked).toContain('data/manifest.json network-first');
    expect(asked).toContain(`data/catalog.hnsw?v=${index.sha256.slice(0, 16)} cache-first`);
    expect(kept.sort()).toEqual(asked.map((a) => a.split(' ')[0]!).sort());
    expect(status.index).toMatchObject({ state: 'ready', notKept: 'the storage is full' });
    expect(status.catalog.notKept).toBeUndefined();
  });

  it('finds a newer catalog on the site, and nothing when it is current or unreachable', async () => {
    const platform = nodePlatform(site);
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

  it('reports a missing catalog on every stage', async () => {
    const status = await createEngine(nodePlatform('/nonexistent')).init();
    expect(Object.values(status).map((s) => s.state)).toEqual(['failed', 'failed', 'failed']);
    expect(status.catalog.error).toMatch(/^catalog manifest: /);
  });

  it('refuses a catalog built in another manifest format, saying to rebuild it', async () => {
    const platform = nodePlatform(site);
    const fetchBytes = platform.fetchBytes;
    const older = async (p: string) => {
      const manifest = JSON.parse(new TextDecoder().decode(await fetchBytes(p)));
      return new TextEncoder().encode(JSON.stringify({ ...manifest, format: undefined }));
    };
    const status = await createEngine({ ...platform, fetchBytes: (p, o) => (p.endsWith('manifest.json') ? older(p) : fetchBytes(p, o)) }).init();
    expect(status.catalog).toEqual({ state: 'failed', error: 'catalog manifest: the catalog was built in manifest format 1, this version reads format 2: rebuild it with `npm run catalog`' });
  });
});
