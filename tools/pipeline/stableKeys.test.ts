import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { DEFAULT_HNSW } from '../artifacts/hnswBuild.ts';
import { traktJsonSource } from '../importers/traktJson.ts';
import { openEngine } from '../runtime/nodePlatform.ts';
import { FIXTURE_JSONL } from '../testing/fixtureCatalog.ts';
import { fixtureCatalog } from '../testing/sharedFixture.ts';
import { buildCatalog } from './buildCatalog.ts';

describe('a rebuild after the source gained a record', async () => {
  const shared = fixtureCatalog();
  const root = await mkdtemp(path.join(tmpdir(), 'marquee-rebuild-'));
  // The shared build's vectors, copied: only the added record is embedded.
  const cacheDir = path.join(root, 'cache');
  await cp(shared.cacheDir, cacheDir, { recursive: true });
  const sample = await readFile(FIXTURE_JSONL, 'utf8');
  const added = JSON.stringify({ title: 'Arrival', year: 2016, ids: { trakt: 99001, tmdb: 329865, imdb: 'tt2543164' }, overview: 'A linguist is recruited to talk with visitors from space.', genres: ['science-fiction'] });
  await writeFile(path.join(root, 'more.jsonl'), `${added}\n${sample}`);
  await buildCatalog({ source: traktJsonSource(path.join(root, 'more.jsonl')), outDir: path.join(root, 'after'), cacheDir, hnsw: DEFAULT_HNSW, log: () => {} });
  const before = await openEngine(shared.outDir);
  const after = await openEngine(path.join(root, 'after'));
  const all = (engine: typeof before): CatalogEntry[] => {
    const { catalog } = engine.rankingInputs();
    return catalog.entries(catalog.filteredIds({}));
  };

  it('keeps every title under its key, while catalog positions shift', () => {
    const old = all(before);
    expect(old.length).toBeGreaterThan(20);
    for (const e of old) {
      const again = after.title(e.key);
      expect(again, e.key).toMatchObject({ key: e.key, title: e.title, year: e.year, type: e.type });
      // The position is what moved: a list kept by position would now point at another film.
      expect(again!.id, e.title).toBe(e.id + 1);
    }
    expect(after.title('trakt:99001')?.title).toBe('Arrival');
  });

  it('answers "more like this" for a kept key with the same titles', () => {
    const heat = all(before).find((e) => e.title === 'Heat' && e.year === 1995)!;
    const keys = (engine: typeof before) => engine.similar(heat.key, 5).map((r) => r.entry.key);
    const kept = keys(after).filter((k) => k !== 'trakt:99001');
    expect(kept.length).toBeGreaterThanOrEqual(4);
    expect(kept).toEqual(keys(before).slice(0, kept.length));
  });
});
