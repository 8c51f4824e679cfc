import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/catalog/manifest.ts';
import { SCHEMA_VERSION } from '../../src/catalog/schema.ts';
import { DEFAULT_HNSW, type HnswParams } from '../artifacts/hnswBuild.ts';
import { traktJsonSource } from '../importers/traktJson.ts';
import { FIXTURE_JSONL } from '../testing/fixtureCatalog.ts';
import { fixtureCatalog } from '../testing/sharedFixture.ts';
import { buildCatalog } from './buildCatalog.ts';

describe('buildCatalog', () => {
  const built = fixtureCatalog();

  let scratch: string;
  beforeAll(async () => void (scratch = await mkdtemp(path.join(tmpdir(), 'build-catalog-'))));
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  /** A directory of its own to build the sample into, with a copy of the shared build's embedding cache. */
  async function ownDirs(): Promise<{ outDir: string; cacheDir: string }> {
    const dir = await mkdtemp(path.join(scratch, 'build-'));
    await cp(built.cacheDir, path.join(dir, 'cache'), { recursive: true });
    return { outDir: path.join(dir, 'data'), cacheDir: path.join(dir, 'cache') };
  }
  const buildSample = (dirs: { outDir: string; cacheDir: string }, opts: { limit?: number; hnsw?: HnswParams } = {}) =>
    buildCatalog({ source: traktJsonSource(FIXTURE_JSONL), ...dirs, hnsw: DEFAULT_HNSW, log: () => {}, ...opts });

  it('writes the catalog, the index and a manifest that describes them', async () => {
    const manifest = JSON.parse(await readFile(path.join(built.outDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toEqual(built.manifest);
    expect(manifest.counts).toEqual({ read: 32, titles: 27, movies: 24, shows: 3, rejected: 5 });
    expect(manifest.rejected.byReason).toEqual({ malformed: 1, 'broken-text': 1, 'missing-title': 1, 'impossible-year': 1, 'duplicate-id': 1 });
    expect(manifest.model).toMatchObject({ id: 'all-MiniLM-L6-v2', dims: 384, maxTokens: 256, dtype: 'q8' });
    // Every title is a recall query, and the first efSearch of the ladder that reaches the target is kept.
    expect(manifest.index).toMatchObject({ file: 'catalog.hnsw', space: 'cosine', M: 32, efConstruction: 200, efSearch: 32, recallQueries: 27 });
    expect(manifest.index.recallByEfSearch.map((c) => c.efSearch)).toEqual([32]);
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest.catalog.schemaVersion).toBe(SCHEMA_VERSION);
    // 27 titles of 26 neighbours each, as uint32.
    expect(manifest.neighbours).toMatchObject({ file: 'neighbours.bin', perTitle: 26, bytes: 27 * 26 * 4 });
    for (const f of [manifest.catalog, manifest.index, manifest.neighbours]) expect((await readFile(path.join(built.outDir, f.file))).length).toBe(f.bytes);
    expect(existsSync(path.join(built.outDir, 'catalog.sqlite.tmp'))).toBe(false);
  });

  it('reports rejected records in the log with their place', () => {
    expect(built.log[0]).toBe('import: 32 read, 27 accepted, 5 rejected (malformed 1, broken-text 1, missing-title 1, impossible-year 1, duplicate-id 1)');
    expect(built.log.join('\n')).toContain('rejected trakt-sample.jsonl:6');
  });

  it('embeds nothing again on a rebuild, and builds the same bytes', async () => {
    const again = await buildSample(await ownDirs());
    expect(again.embedding).toMatchObject({ embedded: 0, cached: 27 });
    expect(again.index.sha256).toBe(built.manifest.index.sha256);
    expect(again.neighbours.sha256).toBe(built.manifest.neighbours.sha256);
  });

  it('honours --limit and refuses a source with nothing usable', async () => {
    const limited = await buildSample(await ownDirs(), { limit: 4 });
    expect(limited.counts).toMatchObject({ read: 4, titles: 4 });
    await expect(buildSample(await ownDirs(), { limit: 1 })).rejects.toThrow(/only 1 usable records/);
  });

  it('refuses an index whose recall@10 is below 0.98, and writes no catalog', async () => {
    // Two links per node and a search breadth of 10 miss about one neighbour in ten on these 27 titles (0.90-0.92 over six seeds).
    const dirs = await ownDirs();
    await expect(buildSample(dirs, { hnsw: { M: 2, efConstruction: 10, efSearch: 10, seed: DEFAULT_HNSW.seed } })).rejects.toThrow(
      /^recall@10 0\.\d+ is below 0\.98: raise --ef-search, --ef-construction or --m$/,
    );
    expect(existsSync(path.join(dirs.outDir, 'manifest.json'))).toBe(false);
  });
});
