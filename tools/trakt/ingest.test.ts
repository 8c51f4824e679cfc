import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { traktIngestSource } from '../importers/traktIngest.ts';
import { validateAll } from '../importers/validate.ts';
import { expectedRecord, fixtureShows, syntheticMovies, tmdbAsTrakt } from '../testing/fakeTrakt/catalogs.ts';
import { startFakeTrakt, type FakeTrakt, type Faults } from '../testing/fakeTrakt/server.ts';
import { createTraktClient } from './client.ts';
import { ingest, refreshUpdated, type IngestPlan } from './ingest.ts';
import { IngestJournal } from './journal.ts';
import type { TraktMovie, TraktShow } from './shapes.ts';

const KEY = 'test-client-id-6f1d';
const ALL_FAULTS: Partial<Faults> = {
  serverError: 0.04, cdnError: 0.02, tooManyJson: 0.01, tooManyHtml: 0.01, truncated: 0.03, slow: 0.03, slowMs: 40, hang: 0.01, duplicateAcrossPages: true, shiftWhilePaging: true,
};

let fake: FakeTrakt | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const journalFile = async () => path.join(await mkdtemp(path.join(tmpdir(), 'trakt-')), 'ingest.jsonl');
const clientFor = (f: FakeTrakt, rate = { requests: 200, perMs: 1000 }, fetchImpl?: typeof fetch) =>
  createTraktClient({ clientId: KEY, baseUrl: f.url, userAgent: 'Marquee-test/0', rateLimit: rate, backoffBaseMs: 5, timeoutMs: 300, fetch: fetchImpl });

async function ingestedRecords(file: string) {
  const { accepted, rejected } = await validateAll(traktIngestSource(file).items());
  expect(rejected).toEqual([]);
  return accepted;
}

function expectExactly(records: Awaited<ReturnType<typeof ingestedRecords>>, movies: TraktMovie[], shows: TraktShow[]) {
  const key = (r: { type: string; ids: { trakt: number | null } }) => `${r.type}:${r.ids.trakt}`;
  expect(new Set(records.map(key)).size).toBe(records.length);
  const expected = [...movies.map((m) => expectedRecord(m, 'movie')), ...shows.map((s) => expectedRecord(s, 'show'))];
  const byKey = new Map(records.map((r) => [key(r), r]));
  expect(records).toHaveLength(expected.length);
  for (const e of expected) expect(byKey.get(key(e))).toEqual(e);
}

describe('Trakt ingest against the fake Trakt', () => {
  it('ends with exactly the source titles through every fault', async () => {
    const movies = syntheticMovies([2001, 2002, 2003], 230);
    const shows = fixtureShows();
    // Denser faults than the 60k run, so a few dozen requests meet every kind.
    const faults = { ...ALL_FAULTS, serverError: 0.08, cdnError: 0.08, tooManyJson: 0.03, tooManyHtml: 0.03, truncated: 0.05, hang: 0.03 };
    fake = await startFakeTrakt({ movies, shows, apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 }, faults, seed: 42 });
    const file = await journalFile();
    const plan: IngestPlan = { types: ['movie', 'show'], years: { from: 2001, to: 2017 }, limit: 50 };
    const logs: string[] = [];
    const stats = await ingest(clientFor(fake), new IngestJournal(file), plan, (m) => logs.push(m));

    expectExactly(await ingestedRecords(file), movies, shows);
    expect(stats.repaged).toBeGreaterThan(0);
    const statuses = new Set(fake.log.map((l) => l.status));
    for (const s of [200, 429, 0]) expect(statuses).toContain(s);
    expect([...statuses].some((s) => s >= 500 && s < 520)).toBe(true);
    expect([...statuses].some((s) => s >= 520)).toBe(true);
    expect(logs.some((l) => l.includes('changed while paging'))).toBe(true);
  });

  it('asks for at most 250 per page and trusts the pagination headers, not the asked limit', async () => {
    const movies = syntheticMovies([2005], 600);
    fake = await startFakeTrakt({ movies, shows: [], apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 } });
    const file = await journalFile();
    await ingest(clientFor(fake), new IngestJournal(file), { types: ['movie'], years: { from: 2005, to: 2005 }, limit: 1000 }, () => {});
    expect(fake.log.map((l) => l.page)).toEqual([1, 2, 3]);
    expectExactly(await ingestedRecords(file), movies, []);
  });

  it('restarted after a kill, finishes without fetching a completed page again', async () => {
    const movies = syntheticMovies([2010, 2011], 120);
    fake = await startFakeTrakt({ movies, shows: [], apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 } });
    const file = await journalFile();
    const plan: IngestPlan = { types: ['movie'], years: { from: 2010, to: 2011 }, limit: 20 };

    let calls = 0;
    const dying = (async (url: URL, init: RequestInit) => {
      if (++calls > 7) throw Object.assign(new Error('killed'), { fatal: true });
      return fetch(url, init);
    }) as typeof fetch;
    const killed = createTraktClient({ clientId: KEY, baseUrl: fake.url, userAgent: 'x', rateLimit: { requests: 400, perMs: 1000 }, fetch: dying, maxRetries: 0 });
    await expect(ingest(killed, new IngestJournal(file), plan, () => {})).rejects.toThrow(/killed/);
    const before = fake.log.filter((l) => l.status === 200).map((l) => l.path);
    expect(before).toHaveLength(7);

    await ingest(clientFor(fake), new IngestJournal(file), plan, () => {});
    const after = fake.log.slice(before.length).map((l) => l.path);
    expect(after.filter((p) => before.includes(p))).toEqual([]);
    expect(before.length + after.length).toBe(12); // 6 pages per year, each fetched once
    expectExactly(await ingestedRecords(file), movies, []);
  });

  it('never exceeds the configured rate, as the fake measures it', async () => {
    const movies = syntheticMovies([2012, 2013, 2014], 40);
    fake = await startFakeTrakt({ movies, shows: [], apiKey: KEY, rateLimit: { requests: 10, perMs: 500 } });
    await ingest(clientFor(fake, { requests: 10, perMs: 500 }), new IngestJournal(await journalFile()), { types: ['movie'], years: { from: 2012, to: 2014 }, limit: 4 }, () => {});
    expect(fake.log.length).toBe(30);
    expect(fake.maxInWindow(500)).toBeLessThanOrEqual(10);
    expect(fake.log.every((l) => l.status === 200)).toBe(true);
  });

  it('sends an empty query with years, extended=full and languages, as the requests that returned the whole catalog did', async () => {
    const movies = syntheticMovies([2007, 2008], 30);
    fake = await startFakeTrakt({ movies, shows: [], apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 } });
    await ingest(clientFor(fake), new IngestJournal(await journalFile()), { types: ['movie'], years: { from: 2007, to: 2008 }, limit: 20, languages: ['en', 'fr'] }, () => {});
    const searches = fake.log.map((l) => new URL(l.path, 'http://x'));
    expect(searches).toHaveLength(4);
    for (const url of searches) {
      expect(url.pathname).toBe('/search/movie');
      expect(url.search).toMatch(/[?&]query=(&|$)/);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({ query: '', extended: 'full', languages: 'en,fr', limit: '20' });
    }
    expect(searches.map((u) => u.searchParams.get('years'))).toEqual(['2007', '2007', '2008', '2008']);
  });

  it('keeps only the asked languages', async () => {
    const movies = syntheticMovies([2007], 30);
    movies.slice(0, 10).forEach((m) => (m.language = 'fr'));
    fake = await startFakeTrakt({ movies, shows: [], apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 } });
    const file = await journalFile();
    await ingest(clientFor(fake), new IngestJournal(file), { types: ['movie'], years: { from: 2007, to: 2007 }, limit: 50, languages: ['fr'] }, () => {});
    expect(fake.log[0]!.path).toContain('languages=fr');
    expectExactly(await ingestedRecords(file), movies.slice(0, 10), []);
  });

  it('takes list endpoints in full, bare (popular) and wrapped (trending)', async () => {
    const movies = syntheticMovies([2003], 45);
    const shows = fixtureShows();
    fake = await startFakeTrakt({ movies, shows, apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 }, faults: { duplicateAcrossPages: true } });
    const file = await journalFile();
    const stats = await ingest(clientFor(fake), new IngestJournal(file), { types: ['movie', 'show'], years: { from: 1, to: 0 }, limit: 10, lists: ['popular', 'trending'] }, () => {});
    expect(stats.listings).toBe(4);
    expect(fake.log.some((l) => l.path.startsWith('/movies/trending'))).toBe(true);
    expectExactly(await ingestedRecords(file), movies, shows);
  });

  it('refreshes the titles updated since a date, each fetched again in full', async () => {
    const movies = syntheticMovies([2004], 60);
    fake = await startFakeTrakt({ movies, shows: [], apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 } });
    const file = await journalFile();
    await ingest(clientFor(fake), new IngestJournal(file), { types: ['movie'], years: { from: 2004, to: 2004 }, limit: 25 }, () => {});
    const bulkRequests = fake.log.length;

    for (const m of [movies[3]!, movies[40]!]) {
      m.rating = 9.25;
      m.overview = `${m.overview} Now restored in 4K.`;
      m.updated_at = '2026-11-20T10:00:00.000Z';
    }
    const stats = await refreshUpdated(clientFor(fake), new IngestJournal(file), ['movie'], '2026-11-15', 100, () => {});
    expect(fake.log.slice(bulkRequests).map((l) => l.path.replace(/\?.*/, ''))).toEqual(['/movies/updates/2026-11-15', `/movies/${movies[3]!.ids.trakt}`, `/movies/${movies[40]!.ids.trakt}`]);
    expect(stats.pagesFetched).toBe(3);
    expectExactly(await ingestedRecords(file), movies, []);

    // Run again: nothing new to fetch.
    const before = fake.log.length;
    await refreshUpdated(clientFor(fake), new IngestJournal(file), ['movie'], '2026-11-15', 100, () => {});
    expect(fake.log.length).toBe(before);
  });

  it('fetches cast and crew once per title with --with-people, directors and writers first', async () => {
    const movies = syntheticMovies([2006], 12);
    const person = (name: string) => ({ name, ids: { trakt: name.length, slug: name.toLowerCase().replace(/ /g, '-'), imdb: null, tmdb: null } });
    const people = new Map<string, unknown>([
      [
        `movie:${movies[2]!.ids.trakt}`,
        {
          cast: [{ characters: ['J. Daniel Atlas'], character: 'J. Daniel Atlas', person: person('Jesse Eisenberg') }, { characters: [], person: person('Isla Fisher') }],
          crew: { sound: [{ jobs: ['Original Music Composer'], person: person('Brian Tyler') }], writing: [{ jobs: ['Screenplay'], person: person('Ed Solomon') }], directing: [{ jobs: ['Director'], person: person('Louis Leterrier') }] },
        },
      ],
    ]);
    fake = await startFakeTrakt({ movies, shows: [], people, apiKey: KEY, rateLimit: { requests: 400, perMs: 1000 } });
    const file = await journalFile();
    const plan: IngestPlan = { types: ['movie'], years: { from: 2006, to: 2006 }, limit: 50, withPeople: true };
    await ingest(clientFor(fake), new IngestJournal(file), plan, () => {});
    expect(fake.log.filter((l) => l.path.endsWith('/people'))).toHaveLength(12);

    const records = await ingestedRecords(file);
    expect(records.find((r) => r.ids.trakt === movies[2]!.ids.trakt)!.credits).toEqual([
      { name: 'Jesse Eisenberg', role: 'cast', job: 'J. Daniel Atlas' },
      { name: 'Isla Fisher', role: 'cast', job: null },
      { name: 'Louis Leterrier', role: 'crew', job: 'Director' },
      { name: 'Ed Solomon', role: 'crew', job: 'Screenplay' },
      { name: 'Brian Tyler', role: 'crew', job: 'Original Music Composer' },
    ]);
    expect(records.find((r) => r.ids.trakt === movies[0]!.ids.trakt)!.credits).toEqual([]);

    // A second run asks for no people it already has.
    const before = fake.log.length;
    await ingest(clientFor(fake), new IngestJournal(file), plan, () => {});
    expect(fake.log.length).toBe(before);
  });

  it('counts an item without a Trakt id towards its listing, and keeps going past a listing that never settles', async () => {
    const [a, b, c] = syntheticMovies([2008], 3);
    // One listing serves an item without ids; another claims 5 items but only ever has 4.
    const pages: Record<string, { items: unknown[]; itemCount: number }> = {
      '2008': { items: [{ type: 'movie', movie: a }, { type: 'movie', movie: { title: 'No ids', year: 2008 } }, { type: 'movie', movie: b }], itemCount: 3 },
      '2009': { items: [c, a, b, c].map((m) => ({ type: 'movie', movie: { ...m, ids: { ...m!.ids, trakt: m!.ids.trakt + 100, tmdb: null, imdb: null } } })), itemCount: 5 },
    };
    let requests = 0;
    const scripted = (async (url: URL) => {
      requests++;
      const { items, itemCount } = pages[url.searchParams.get('years')!]!;
      return new Response(JSON.stringify(items), { headers: { 'X-Pagination-Page': '1', 'X-Pagination-Limit': '10', 'X-Pagination-Page-Count': '1', 'X-Pagination-Item-Count': String(itemCount) } });
    }) as unknown as typeof fetch;
    const client = createTraktClient({ clientId: KEY, baseUrl: 'http://trakt.test', userAgent: 'x', rateLimit: { requests: 1000, perMs: 1 }, fetch: scripted });
    const logs: string[] = [];
    const file = await journalFile();
    const stats = await ingest(client, new IngestJournal(file), { types: ['movie'], years: { from: 2008, to: 2009 }, limit: 10 }, (m) => logs.push(m));
    expect(requests).toBe(1 + 3);
    expect(stats).toMatchObject({ repaged: 2, incomplete: 1 });
    expect(logs).toContain('trakt: search/movie?years=2008 page 1: 1 item(s) without a Trakt id skipped');
    expect(logs.some((l) => l.startsWith('trakt: warning: search/movie?years=2009 still gave 3 of 5 titles after 3 passes'))).toBe(true);
    expect((await ingestedRecords(file)).map((r) => r.title).sort()).toEqual([a!.title, a!.title, b!.title, b!.title, c!.title].sort());
  });

  it('stops before any request without a key, and at the first refusal of a wrong one', async () => {
    fake = await startFakeTrakt({ movies: [], shows: [], apiKey: KEY, rateLimit: { requests: 100, perMs: 1000 } });
    expect(() => createTraktClient({ clientId: undefined, baseUrl: fake!.url, userAgent: 'x' })).toThrow(/TRAKT_CLIENT_ID is not set/);
    const wrong = createTraktClient({ clientId: 'wrong', baseUrl: fake.url, userAgent: 'x' });
    await expect(ingest(wrong, new IngestJournal(await journalFile()), { types: ['movie'], years: { from: 2000, to: 2001 }, limit: 10 }, () => {})).rejects.toThrow(/refused the API key \(HTTP 403/);
    expect(fake.log).toHaveLength(1);
  });

  const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/tmdb-2000-2021');
  it.skipIf(!existsSync(SHARED))('ingests the 60k TMDB catalog through the fake with faults, none missing, none twice (skipped without ../shared)', async () => {
    const movies = await tmdbAsTrakt(SHARED);
    const shows = fixtureShows();
    const years = movies.map((m) => m.year!);
    fake = await startFakeTrakt({ movies, shows, apiKey: KEY, rateLimit: { requests: 300, perMs: 1000 }, faults: ALL_FAULTS, seed: 7 });
    const file = await journalFile();
    const stats = await ingest(clientFor(fake, { requests: 300, perMs: 1000 }), new IngestJournal(file), { types: ['movie', 'show'], years: { from: Math.min(...years), to: Math.max(...years) }, limit: 250 }, () => {});
    expect(movies.length).toBe(60075);
    expectExactly(await ingestedRecords(file), movies, shows);
    expect(stats.repaged).toBeGreaterThan(0);
    expect(fake.maxInWindow(1000)).toBeLessThanOrEqual(300);
  }, 300_000);
});
