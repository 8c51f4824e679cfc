import { existsSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/catalog/manifest.ts';
import { SCHEMA_VERSION } from '../../src/catalog/schema.ts';
import { RELATEDNESS } from '../../src/ranking/relatedness.ts';
import { DEFAULT_HNSW } from '../artifacts/hnswBuild.ts';
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
  const buildSample = (dirs: { outDir: string; cacheDir: string }, opts: { limit?: number } = {}) =>
    buildCatalog({ source: traktJsonSource(FIXTURE_JSONL), ...dirs, hnsw: DEFAULT_HNSW, log: () => {}, ...opts });

  it('writes the catalog, the index and a manifest that describes them', async () => {
    const manifest = JSON.parse(await readFile(path.join(built.outDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toEqual(built.manifest);
    expect(manifest.counts).toEqual({ read: 32, titles: 27, movies: 24, shows: 3, rejected: 5 });
    expect(manifest.rejected.byReason).toEqual({ malformed: 1, 'broken-text': 1, 'missing-title': 1, 'impossible-year': 1, 'duplicate-id': 1 });
    expect(manifest.model).toMatchObject({ id: 'all-MiniLM-L6-v2', dims: 384, maxTokens: 256, dtype: 'q8' });
    // Every title is a recall query, and the first shortlist of the ladder that reaches the target is kept.
    expect(manifest.index).toMatchObject({ file: 'vectors.i8', encoding: 'int8', shortlist: 100, recallQueries: 27, bytes: 12 + 4 * 384 + 27 * 384 });
    expect(manifest.index.recallByShortlist.map((c) => c.shortlist)).toEqual([100]);
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest.catalog.schemaVersion).toBe(SCHEMA_VERSION);
    // 27 titles of 20 neighbours each, as uint32 ids and uint16 scores, ranked by the formula the manifest gives.
    expect(manifest.neighbours).toMatchObject({ file: 'neighbours.bin', perTitle: 20, bytes: 27 * 20 * 6, relatedness: RELATEDNESS, graph: { M: 32, efConstruction: 200 } });
    for (const f of [manifest.catalog, manifest.index, manifest.neighbours]) {
      const bytes = await readFile(path.join(built.outDir, f.file));
      expect(bytes.length).toBe(f.bytes);
      // The precompressed copies a host serves decode to the same bytes.
      expect(brotliDecompressSync(await readFile(path.join(built.outDir, `${f.file}.br`)))).toEqual(bytes);
      expect(gunzipSync(await readFile(path.join(built.outDir, `${f.file}.gz`)))).toEqual(bytes);
      expect(manifest.compressed[f.file]!.br).toBe((await readFile(path.join(built.outDir, `${f.file}.br`))).length);
    }
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
});
