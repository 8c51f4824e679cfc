import initSqlJs, { type Database } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../vectors/seededRandom.ts';
import type { CatalogEntry } from '../catalog/record.ts';
import { entryToRow, SCHEMA_SQL, TITLE_COLUMNS } from '../catalog/schema.ts';
import { encodeTitleTexts, readTitleTexts } from '../catalog/titleTexts.ts';
import { sqlCatalog } from '../catalog/sqlCatalog.ts';
import { exactTopK, type Neighbour, type VectorMatrix } from '../vectors/exact.ts';
import { matchesFilters, type Filters } from './filters.ts';
import { franchiseKey, sameFranchise } from './franchise.ts';
import { boostedScore } from './popularity.ts';
import { DESCRIPTION, describedBy, rankByVector, type RankOptions, type VectorSearch } from './similar.ts';

/** More titles than SQLite binds variables in one statement (32,766): a request that lists them all fails. */
const TITLES = 33_000;
const asList = (ns: Neighbour[]) => ({ ids: ns.map((n) => n.id), scores: ns.map((n) => n.score) });
const DIMS = 16;
const GENRES = ['action', 'adventure', 'animation', 'comedy', 'crime', 'documentary', 'drama', 'family', 'fantasy', 'history', 'horror', 'music', 'mystery', 'romance', 'science-fiction', 'thriller', 'war', 'western', 'sci,fi'];
const LANGUAGES = ['en', 'en', 'en', 'fr', 'ja', 'de', 'es', 'ko'];
const WORDS = ['star', 'dark', 'toy', 'lost', 'night', 'river', 'king', 'alien', 'ghost', 'city', 'iron', 'blue'];

function syntheticEntry(id: number, rand: () => number): CatalogEntry {
  const int = (n: number) => Math.floor(rand() * n);
  const orNull = <T>(value: T) => (rand() < 0.05 ? null : value);
  const genres = [...new Set(Array.from({ length: 1 + int(3) }, () => GENRES[int(GENRES.length)]!))];
  return {
    id,
    key: `tmdb:${id + 1}`,
    type: rand() < 0.8 ? 'movie' : 'show',
    title: `${WORDS[int(WORDS.length)]} ${WORDS[int(WORDS.length)]}${rand() < 0.3 ? ` ${1 + int(4)}` : ''}`,
    originalTitle: null,
    year: orNull(1950 + int(76)),
    released: null,
    runtime: orNull(60 + int(140)),
    overview: null,
    tagline: null,
    genres,
    language: orNull(LANGUAGES[int(LANGUAGES.length)]!),
    country: null,
    certification: null,
    rating: orNull(Math.round(rand() * 100) / 10),
    votes: orNull(Math.floor(10 ** (rand() * 6))),
    ids: { trakt: null, slug: null, imdb: null, tmdb: id + 1 },
    show: null,
    credits: [],
  };
}

/**
 * The catalog in sql.js, as the build writes it, and a database that records the most
 * variables any statement bound.
 */
async function syntheticCatalog(entries: CatalogEntry[]) {
  const db = new (await initSqlJs()).Database();
  db.run(SCHEMA_SQL);
  db.run('BEGIN');
  const title = db.prepare(`INSERT INTO titles (${TITLE_COLUMNS}) VALUES (${TITLE_COLUMNS.split(',').map(() => '?').join(', ')})`);
  for (const e of entries) title.run(entryToRow(e));
  title.free();
  db.run('COMMIT');
  const bound = { most: 0 };
  const exec = db.exec.bind(db);
  db.exec = ((sql: string, params?: unknown[]) => {
    bound.most = Math.max(bound.most, params?.length ?? 0);
    return exec(sql, params as never);
  }) as Database['exec'];
  return { catalog: sqlCatalog(db, readTitleTexts(encodeTitleTexts(entries), entries.length)), bound };
}

/** Exact search standing in for HNSW, so that every strategy must give the exact answer; it records what it was asked. */
function exactVectors(matrix: VectorMatrix) {
  const calls = { searches: [] as number[], scans: [] as { ids: number | 'all'; k: number }[] };
  const vectors: VectorSearch = {
    count: matrix.count,
    vector: (id) => matrix.data.subarray(id * matrix.dims, (id + 1) * matrix.dims),
    search(query, k, only) {
      calls.searches.push(k);
      return exactTopK(matrix, query, k, only ? { candidates: Array.from({ length: matrix.count }, (_, id) => id).filter(only) } : undefined);
    },
    scan(query, ids, k) {
      calls.scans.push({ ids: ids ? ids.length : 'all', k });
      return exactTopK(matrix, query, k, { candidates: ids ?? undefined });
    },
  };
  return { vectors, calls, reset: () => ((calls.searches = []), (calls.scans = [])) };
}

type Scored = { id: number; score: number };

/** Best first, equal scores by id: float32 similarities tie now and then, and either order of a tie is right. */
function byScore(list: Scored[]): Scored[] {
  return [...list].sort((a, b) => b.score - a.score || a.id - b.id);
}

function randomVectors(count: number, rand: () => number): VectorMatrix {
  const data = new Float32Array(count * DIMS);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let j = 0; j < DIMS; j++) norm += (data[i * DIMS + j] = rand() * 2 - 1) ** 2;
    for (let j = 0; j < DIMS; j++) data[i * DIMS + j]! /= Math.sqrt(norm);
  }
  return { data, dims: DIMS, count };
}

function randomFilters(rand: () => number): Filters {
  const int = (n: number) => Math.floor(rand() * n);
  const maybe = <T>(p: number, make: () => T): T | undefined => (rand() < p ? make() : undefined);
  const some = () => Array.from({ length: 1 + int(4) }, () => GENRES[int(GENRES.length)]!);
  const year = maybe(0.3, () => 1950 + int(76));
  const filters: Filters = {
    genres: maybe(0.3, some),
    excludeGenres: maybe(0.2, some),
    yearMin: year,
    yearMax: maybe(0.2, () => (year ?? 1950) + int(40)),
    runtimeMin: maybe(0.15, () => 60 + int(100)),
    runtimeMax: maybe(0.1, () => 100 + int(100)),
    language: maybe(0.2, () => LANGUAGES[int(LANGUAGES.length)]!),
    minRating: maybe(0.2, () => int(10)),
    minVotes: maybe(0.2, () => 10 ** int(6)),
    type: maybe(0.2, () => (rand() < 0.5 ? 'movie' : 'show')),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
}

describe(`ranking on a catalog of ${TITLES.toLocaleString('en')} titles`, async () => {
  const rand = random(1129);
  const entries = Array.from({ length: TITLES }, (_, id) => syntheticEntry(id, rand));
  const matrix = randomVectors(TITLES, rand);
  const { catalog, bound } = await syntheticCatalog(entries);
  const { vectors, calls, reset } = exactVectors(matrix);

  const franchises = entries.map((e) => franchiseKey(e.title));

  /** The answer by definition: filter every title, scan them all exactly, let popularity reorder the candidates it is given. */
  function reference(query: Float32Array, opts: RankOptions): Scored[] {
    const excluded = new Set(opts.exclude);
    const hide = opts.hideFranchise;
    const passing = entries.filter((e) => !excluded.has(e.id) && matchesFilters(e, opts.filters ?? {}) && !(hide && sameFranchise(hide, franchises[e.id]!)));
    const boost = opts.popularityBoost ?? 0;
    const best = exactTopK(matrix, query, boost ? opts.k * 4 : opts.k, { candidates: passing.map((e) => e.id) });
    const scored = best.map((n) => ({ id: n.id, score: boostedScore(n.score, entries[n.id]!.votes, boost) }));
    if (boost) scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, opts.k);
  }

  const ranked = (query: Float32Array, opts: RankOptions): Scored[] => rankByVector(vectors, catalog, query, opts).map((r) => ({ id: r.entry.id, score: r.score }));

  it('answers any filter and any k exactly, binding few SQL variables and never asking the index for more than a tenth of the catalog', () => {
    const cases = random(20261129);
    const int = (n: number) => Math.floor(cases() * n);
    const ks = [1, 5, 20, 20, 40, 100, 700, 3_500];
    for (let i = 0; i < 30; i++) {
      const queryId = int(TITLES);
      const query = vectors.vector(queryId);
      const k = ks[int(ks.length)]!;
      const opts: RankOptions = {
        k,
        filters: randomFilters(cases),
        exclude: [queryId, ...Array.from({ length: int(3) }, () => int(TITLES))],
        hideFranchise: cases() < 0.3 ? franchiseKey(entries[queryId]!.title) : undefined,
        popularityBoost: cases() < 0.25 ? cases() : undefined,
        // A neighbour list ranked by meaning alone (as a catalog without words, series or
        // people ranks it): the 40 nearest, the title left out.
        nearest: cases() < 0.5 ? asList(exactTopK(matrix, query, 40, { exclude: queryId })) : undefined,
      };
      // Popularity reorders a list's titles only, where the reference reorders 4k by meaning.
      if (opts.popularityBoost) delete opts.nearest;
      const label = JSON.stringify({ case: i, ...opts, nearest: opts.nearest && 'yes' });
      bound.most = 0;
      reset();
      const expected = reference(query, opts);
      expect(byScore(ranked(query, opts)), label).toEqual(byScore(expected));
      expect(bound.most, label).toBeLessThanOrEqual(16);
      const open = Object.keys(opts.filters!).length === 0 && !opts.hideFranchise;
      const wanted = opts.popularityBoost ? k * 4 : k;
      for (const asked of calls.searches) expect(asked, label).toBeLessThanOrEqual(open ? wanted + opts.exclude!.length : TITLES / 10);
    }
  });

  it('answers a filter listing 40,000 genres as its one genre titles have, and more titles than SQLite binds variables', () => {
    const query = vectors.vector(7);
    const genres = [...Array.from({ length: 40_000 }, (_, i) => `nothing-${i}`), 'western'];
    const manyGenres = ranked(query, { k: 10, filters: { genres }, exclude: [7] });
    expect(manyGenres).toHaveLength(10);
    expect(byScore(manyGenres)).toEqual(byScore(reference(query, { k: 10, filters: { genres: ['western'] }, exclude: [7] })));
    const everything = { k: 40_000, exclude: [7] };
    const all = ranked(query, everything);
    expect(all).toHaveLength(TITLES - 1);
    expect(byScore(all)).toEqual(byScore(reference(query, everything)));
  });

  it('ranks a description among its nearest in meaning and the best-known titles, popularity counted, reading few entries', () => {
    // These titles have no overviews: meaning and popularity alone rank them.
    const mostVoted = [...entries].sort((a, b) => (b.votes ?? -1) - (a.votes ?? -1) || a.id - b.id).slice(0, DESCRIPTION.mostVoted);
    for (let queryId = 0; queryId < 20; queryId++) {
      const query = vectors.vector(queryId);
      const byMeaning = new Set(exactTopK(matrix, query, DESCRIPTION.byMeaning).map((n) => n.id));
      const candidates = [...new Set([...byMeaning, ...mostVoted.map((e) => e.id)])];
      const expected = exactTopK(matrix, query, candidates.length, { candidates })
        .map((n) => ({ id: n.id, score: boostedScore(n.score, entries[n.id]!.votes, DESCRIPTION.popularity) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10);
      let read = 0;
      const counting = { ...catalog, entries: (ids: number[]) => ((read += ids.length), catalog.entries(ids)) };
      reset();
      const got = describedBy(vectors, counting, query, 'a description', { k: 10 }).map((r) => ({ id: r.entry.id, score: r.score }));
      expect(byScore(got)).toEqual(byScore(expected));
      expect(read).toBeLessThanOrEqual(10 * 4);
      // The known titles beyond the nearest in meaning are scored, by one scan.
      expect(calls.scans[0]!.ids).toBe(candidates.length - byMeaning.size);
    }
  });

  describe('picks the strategy the request calls for', () => {
    const queryId = 42;
    const query = vectors.vector(queryId);
    const nearest = asList(exactTopK(matrix, query, 40, { exclude: queryId }));
    const run = (opts: Omit<RankOptions, 'exclude'>) => {
      reset();
      const got = ranked(query, { ...opts, exclude: [queryId] });
      expect(byScore(got)).toEqual(byScore(reference(query, { ...opts, exclude: [queryId] })));
      expect(got.length).toBe(opts.k);
      return calls;
    };

    it("the title's neighbour list, when enough of it passes: no index search, one scan of the titles shown for their similarity", () => {
      expect(run({ k: 10, nearest })).toEqual({ searches: [], scans: [{ ids: 10, k: 10 }] });
      expect(run({ k: 3, nearest, filters: { type: 'movie' } })).toEqual({ searches: [], scans: [{ ids: 3, k: 3 }] });
    });

    it('the index alone without a filter', () => {
      expect(run({ k: 50, nearest })).toEqual({ searches: [51], scans: [] });
    });

    it('an exact scan of what a selective filter admits', () => {
      const { searches, scans } = run({ k: 10, filters: { language: 'ko', type: 'show' } });
      expect(searches).toEqual([]);
      expect(scans).toHaveLength(1);
      expect(scans[0]!.ids).toBeLessThan(TITLES / 10);
    });

    it('one search of the index over what a broad filter admits', () => {
      expect(run({ k: 10, filters: { type: 'movie' } })).toEqual({ searches: [11], scans: [] });
      expect(run({ k: 10, filters: { type: 'movie' }, hideFranchise: ['no', 'such'] })).toEqual({ searches: [21], scans: [] });
    });

    it('an exact scan of what a broad filter admits once the search would pass a tenth of the catalog', () => {
      const { searches, scans } = run({ k: 4_000, filters: { type: 'movie' } });
      expect(searches).toEqual([]);
      expect(scans[0]!.ids).toBeGreaterThan(TITLES / 2);
    });
  });
});
