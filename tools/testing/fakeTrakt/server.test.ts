import { afterEach, describe, expect, it } from 'vitest';
import { syntheticMovies } from './catalogs.ts';
import { startFakeTrakt, type FakeTrakt } from './server.ts';

const KEY = 'fake-key';
const headers = { 'trakt-api-version': '2', 'trakt-api-key': KEY };

let fake: FakeTrakt | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('the fake Trakt', () => {
  it('refuses a search without a query, as a strict server would, and serves one with an empty query', async () => {
    fake = await startFakeTrakt({ movies: syntheticMovies([2001], 3), shows: [], apiKey: KEY, rateLimit: { requests: 100, perMs: 1000 } });
    const without = await fetch(`${fake.url}/search/movie?years=2001&extended=full`, { headers });
    expect(without.status).toBe(400);
    expect(await without.json()).toEqual({ error: 'query is required' });

    const empty = await fetch(`${fake.url}/search/movie?query=&years=2001&extended=full`, { headers });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('x-pagination-item-count')).toBe('3');
    expect(((await empty.json()) as { movie: { title: string } }[]).map((i) => i.movie.title)).toEqual(['Amélie 2001-0', 'Movie 2001-1', 'Movie 2001-2']);
  });

  it('filters a search by its text, and leaves list endpoints without a query alone', async () => {
    fake = await startFakeTrakt({ movies: syntheticMovies([2001], 10), shows: [], apiKey: KEY, rateLimit: { requests: 100, perMs: 1000 } });
    const found = (await (await fetch(`${fake.url}/search/movie?query=am%C3%A9lie&years=2001`, { headers })).json()) as { movie: { title: string } }[];
    expect(found.map((i) => i.movie.title)).toEqual(['Amélie 2001-0', 'Amélie 2001-7']);
    expect((await fetch(`${fake.url}/movies/popular?limit=3`, { headers })).headers.get('x-pagination-item-count')).toBe('10');
  });

  it('checks the API version and key before anything else, and answers unknown paths with 404', async () => {
    fake = await startFakeTrakt({ movies: [], shows: [], apiKey: KEY, rateLimit: { requests: 100, perMs: 1000 } });
    const noVersion = await fetch(`${fake.url}/search/movie?query=`, { headers: { 'trakt-api-key': KEY } });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.text()).toContain('trakt-api-version');
    expect((await fetch(`${fake.url}/search/movie?query=`, { headers: { 'trakt-api-version': '2' } })).status).toBe(401);
    expect((await fetch(`${fake.url}/search/movie?query=`, { headers: { ...headers, 'trakt-api-key': 'wrong' } })).status).toBe(403);
    expect((await fetch(`${fake.url}/nothing`, { headers })).status).toBe(404);
    expect(fake.log.map((l) => l.status)).toEqual([400, 401, 403, 404]);
  });

  it('answers 429 with Retry-After and X-Ratelimit past its rate limit', async () => {
    fake = await startFakeTrakt({ movies: [], shows: [], apiKey: KEY, rateLimit: { requests: 2, perMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${fake.url}/movies/popular`, { headers })).status);
    const limited = await fetch(`${fake.url}/movies/popular`, { headers });
    expect([...statuses, limited.status]).toEqual([200, 200, 429, 429]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
    expect(JSON.parse(limited.headers.get('x-ratelimit')!)).toMatchObject({ limit: 2, remaining: 0 });
  });
});
