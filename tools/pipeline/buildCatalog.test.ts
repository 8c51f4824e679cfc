import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/catalog/manifest.ts';
import { DEFAULT_HNSW } from '../artifacts/hnswBuild.ts';
import { traktJsonSource } from '../importers/traktJson.ts';
import { buildFixtureCatalog, FIXTURE_JSONL } from '../testing/fixtureCatalog.ts';
import { buildCatalog } from './buildCatalog.ts';

describe('buildCatalog', async () => {
  const built = await buildFixtureCatalog();

  it('writes the catalog, the index and a manifest that describes them', async () => {
    const manifest = JSON.parse(await readFile(path.join(built.outDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest).toEqual(built.manifest);
    expect(manifest.counts).toEqual({ read: 32, titles: 27, movies: 24, shows: 3, rejected: 5 });
    expect(manifest.rejected.byReason).toEqual({ malformed: 1, 'broken-text': 1, 'missing-title': 1, 'impossible-year': 1, 'duplicate-id': 1 });
    expect(manifest.model).toMatchObject({ id: 'all-MiniLM-L6-v2', dims: 384, maxTokens: 256, dtype: 'q8' });
    expect(manifest.index).toMatchObject({ file: 'catalog.hnsw', space: 'cosine', M: 32, efConstruction: 200, efSearch: 32, recallAt10: 1 });
    expect(manifest.index.recallByEfSearch).toEqual([{ efSearch: 32, recall: 1, msPerQuery: expect.any(Number) }]);
    expect(manifest.version).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest.catalog.schemaVersion).toBe(3);
    // 27 titles of 26 neighbours each, as uint32.
    expect(manifest.neighbours).toMatchObject({ file: 'neighbours.bin', perTitle: 26, bytes: 27 * 26 * 4, recallAt10: 1 });
    for (const f of [manifest.catalog, manifest.index, manifest.neighbours]) expect((await readFile(path.join(built.outDir, f.file))).length).toBe(f.bytes);
    expect(existsSync(path.join(built.outDir, 'catalog.sqlite.tmp'))).toBe(false);
  });

  it('reports rejected records in the log with their place', () => {
    expect(built.log[0]).toBe('import: 32 read, 27 accepted, 5 rejected (malformed 1, broken-text 1, missing-title 1, impossible-year 1, duplicate-id 1)');
    expect(built.log.join('\n')).toContain('rejected trakt-sample.jsonl:6');
  });

  it('embeds nothing again on a rebuild, and builds the same bytes', async () => {
    const again = await buildCatalog({ source: traktJsonSource(FIXTURE_JSONL), outDir: built.outDir, cacheDir: built.cacheDir, hnsw: DEFAULT_HNSW, log: () => {} });
    expect(again.embedding).toMatchObject({ embedded: 0, cached: 27 });
    expect(again.index.sha256).toBe(built.manifest.index.sha256);
    expect(again.neighbours.sha256).toBe(built.manifest.neighbours.sha256);
  });

  it('honours --limit and refuses a source with nothing usable', async () => {
    const limited = await buildCatalog({ source: traktJsonSource(FIXTURE_JSONL), outDir: `${built.outDir}-limited`, cacheDir: built.cacheDir, limit: 4, hnsw: DEFAULT_HNSW, log: () => {} });
    expect(limited.counts).toMatchObject({ read: 4, titles: 4 });
    await expect(
      buildCatalog({ source: traktJsonSource(FIXTURE_JSONL), outDir: `${built.outDir}-one`, cacheDir: built.cacheDir, limit: 1, hnsw: DEFAULT_HNSW, log: () => {} }),
    ).rejects.toThrow(/only 1 usable records/);
  });
});
