import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine, type Platform } from '../../src/engine/engine.ts';
import { nodePlatform } from '../runtime/nodePlatform.ts';
import { fixtureCatalog } from '../testing/sharedFixture.ts';
import { createApp, type Api } from './app.ts';

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, '../..');

/** The API on a free loopback port, over an engine of the sample catalog. */
async function serve(engine: Engine, cors?: string): Promise<{ app: Api; url: string }> {
  const app = await createApp({ engine, cors });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

describe('the HTTP API', async () => {
  const { outDir } = fixtureCatalog();
  let app: Api;
  let url: string;
  let engine: Engine;
  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url + p, { headers });
    return { status: res.status, headers: res.headers, body: res.status === 304 ? null : await res.json() };
  };
  const post = async (p: string, body: unknown, type = 'application/json') => {
    const res = await fetch(url + p, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };

  beforeAll(async () => {
    engine = createEngine(nodePlatform(outDir));
    await engine.init();
    ({ app, url } = await serve(engine));
  });
  afterAll(() => app?.close());

  it('searches titles as typed, typos included, and reads one title by any of its ids', async () => {
    const search = await get('/v1/titles/search?q=toy%20stroy&k=2');
    expect(search.status).toBe(200);
    expect(search.body.results.map((r: { title: string }) => r.title)).toEqual(['Toy Story', 'Toy Story 2']);
    const byKey = await get('/v1/titles/trakt:55007');
    expect(byKey.body.title).toMatchObject({ title: 'Heat', year: 1986, key: 'trakt:55007', ids: { tmdb: 31361, imdb: 'tt0091183' } });
    expect(byKey.body.title).not.toHaveProperty('id');
    for (const ref of ['tmdb:31361', 'imdb:tt0091183', encodeURIComponent('imdb:tt0091183')]) expect((await get(`/v1/titles/${ref}`)).body).toEqual(byKey.body);
  });

  it('answers similar titles with the filters in the grammar of the CLI and the app', async () => {
    const out = await get('/v1/titles/trakt:55010/similar?k=3&genre=animation&year=1990-2005');
    expect(out.status).toBe(200);
    expect(out.body.title).toEqual({ key: 'trakt:55010', title: 'Toy Story', year: 1995, type: 'movie' });
    expect(out.body.results.length).toBeGreaterThan(0);
    for (const r of out.body.results) {
      expect(r.genres).toContain('animation');
      expect(r.year).toBeGreaterThanOrEqual(1990);
      expect(r.year).toBeLessThanOrEqual(2005);
      expect(r.why).toMatchObject({ similarity: expect.any(Number), sharedGenres: expect.arrayContaining(['animation']) });
    }
    // Repeated list parameters add up, as in the app's URLs.
    const repeated = await get('/v1/titles/trakt:55010/similar?k=20&genre=horror&genre=romance');
    expect(repeated.body.results.length).toBeGreaterThan(0);
    for (const r of repeated.body.results) expect(r.genres.some((g: string) => g === 'horror' || g === 'romance')).toBe(true);
    const hidden = await get('/v1/titles/trakt:55010/similar?k=20&hide-franchise');
    expect(hidden.body.results.map((r: { title: string }) => r.title)).not.toContain('Toy Story 2');
  });

  it('gives the same ranking as the query CLI', async () => {
    const args = ['similar', 'trakt:55006', '--k', '5', '--exclude-genre', 'comedy', '--popularity', '0.5'];
    const cli = JSON.parse((await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'tools/query.ts'), ...args, '--data', outDir, '--json'])).stdout);
    const api = await get('/v1/titles/trakt:55006/similar?k=5&exclude-genre=comedy&popularity=0.5');
    expect(cli.results).toHaveLength(5);
    expect(api.body.results).toEqual(cli.results);
  });

  it('finds titles by a description, and recommends from a list of liked titles, skipping seen and unknown ones', async () => {
    const discover = await get(`/v1/discover?text=${encodeURIComponent('a heist by stage magicians')}&k=3`);
    expect(discover.status).toBe(200);
    expect(discover.body.results.map((r: { title: string }) => r.title)).toContain('Now You See Me');
    const rec = await post('/v1/recommend', { liked: ['trakt:55010', 'tmdb:999999999'], seen: ['trakt:55011'], k: 5, filters: { genre: ['animation'], 'min-rating': 5 } });
    expect(rec.status).toBe(200);
    expect(rec.body.unknown).toEqual(['tmdb:999999999']);
    const keys = rec.body.results.map((r: { key: string }) => r.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).not.toContain('trakt:55010');
    expect(keys).not.toContain('trakt:55011');
    for (const r of rec.body.results) expect(r.genres).toContain('animation');
    expect((await post('/v1/recommend', { liked: ['trakt:1'] })).body.error.code).toBe('unknown_title');
  });

  it('recommends in rows of tastes, and for two people at once, each result saying whose likes it is close to', async () => {
    const keyOf = async (title: string) => (await get(`/v1/titles/search?q=${encodeURIComponent(title)}&k=1`)).body.results[0].key as string;
    const animationTitles = ['Toy Story', 'Toy Story 2', 'Finding Nemo', 'Spirited Away', 'My Neighbor Totoro'];
    const animation = await Promise.all(animationTitles.map(keyOf));
    const crime = await Promise.all(['Now You See Me', 'Now You See Me 2', 'The Prestige', "Ocean's Eleven", 'The Italian Job', 'Heat', 'The Departed'].map(keyOf));
    const liked = [...animation, ...crime];

    const rows = await post('/v1/recommend/groups', { liked: [...liked, 'tmdb:999999999'], k: 6 });
    expect(rows.status).toBe(200);
    expect(rows.body.unknown).toEqual(['tmdb:999999999']);
    expect(rows.body.groups.map((g: { likes: number }) => g.likes)).toEqual([7, 5]);
    for (const t of rows.body.groups[1].because) expect(animationTitles).toContain(t.title);
    const shown = rows.body.groups.flatMap((g: { results: { key: string }[] }) => g.results.map((r) => r.key));
    expect(shown.length).toBeGreaterThan(0);
    for (const key of liked) expect(shown).not.toContain(key);

    const both = await post('/v1/blend', { first: animation, second: crime, seen: ['trakt:1'], k: 6 });
    expect(both.status).toBe(200);
    expect(both.body.unknown).toEqual(['trakt:1']);
    // As the app blends (src/ranking/blend.test.ts checks the turns): the same titles, the same chips.
    const inApp = engine.blend(animation, crime, 6, {}, ['trakt:1']).map((r) => [r.entry.key, r.closeTo]);
    expect(both.body.results.map((r: { key: string; closeTo: string }) => [r.key, r.closeTo])).toEqual(inApp);
    expect(inApp.length).toBe(6);
    for (const r of both.body.results) expect(liked).not.toContain(r.key);
    expect((await post('/v1/blend', { first: ['trakt:1'], second: crime })).body.error).toMatchObject({ code: 'unknown_title', param: 'first' });
    expect((await post('/v1/blend', { first: animation })).status).toBe(400);
  });

  it('describes the catalog, its health and readiness, and itself in OpenAPI 3.1', async () => {
    const catalog = await get('/v1/catalog');
    expect(catalog.body).toMatchObject({ counts: { titles: expect.any(Number) }, model: { id: 'all-MiniLM-L6-v2', dims: 384 }, index: { encoding: 'int8' }, stages: { model: { state: 'ready' } } });
    expect(catalog.headers.get('x-catalog-version')).toBe(catalog.body.catalogVersion);
    expect((await get('/healthz')).body).toEqual({ status: 'ok' });
    expect(await get('/readyz')).toMatchObject({ status: 200, body: { ready: true } });
    const spec = (await get('/openapi.json')).body;
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths).sort()).toEqual(['/healthz', '/readyz', '/v1/blend', '/v1/catalog', '/v1/discover', '/v1/recommend', '/v1/recommend/groups', '/v1/titles/search', '/v1/titles/{id}', '/v1/titles/{id}/similar']);
    const similarParams = spec.paths['/v1/titles/{id}/similar'].get.parameters.map((p: { name: string }) => p.name);
    expect(similarParams).toEqual(expect.arrayContaining(['id', 'k', 'genre', 'year', 'min-votes', 'hide-franchise', 'popularity']));
  });

  it('carries the catalog version, an ETag and a cache policy a CDN can use', async () => {
    const first = await get('/v1/titles/trakt:55008/similar?k=3');
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(first.headers.get('x-catalog-version')).toBe(first.body.catalogVersion);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await get('/v1/titles/trakt:55008/similar?k=3', { 'if-none-match': etag! })).status).toBe(304);
    expect((await get('/v1/titles/trakt:55008/similar?k=4', { 'if-none-match': etag! })).status).toBe(200);
    expect((await get('/v1/titles/trakt:1')).headers.get('cache-control')).toBe('no-store');
    // No CORS unless asked for.
    expect(first.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bad input with a stable code, the parameter at fault and no stack trace', async () => {
    const cases: [string, () => Promise<{ status: number; body: { error: { code: string; param?: string; message: string } } }>, number, string, string?][] = [
      ['k over the limit', () => get('/v1/titles/search?q=heat&k=101'), 400, 'bad_parameter', 'k'],
      ['k not a number', () => get('/v1/titles/trakt:55006/similar?k=many'), 400, 'bad_parameter', 'k'],
      ['a misspelt parameter', () => get('/v1/titles/trakt:55006/similar?genres=crime'), 400, 'unknown_parameter', 'genres'],
      ['a malformed filter', () => get('/v1/titles/trakt:55006/similar?year=soon'), 400, 'bad_parameter', 'year'],
      ['a malformed id', () => get('/v1/titles/tmdb:abc'), 400, 'bad_parameter', 'id'],
      ['a title instead of an id', () => get('/v1/titles/Heat/similar'), 400, 'bad_parameter', 'id'],
      ['an unknown id', () => get('/v1/titles/trakt:1/similar'), 404, 'unknown_title', 'id'],
      ['no text', () => get('/v1/discover'), 400, 'missing_parameter', 'text'],
      ['a blank text', () => get('/v1/discover?text=%20%20'), 400, 'bad_parameter', 'text'],
      ['a text over 1,000 characters', () => get(`/v1/discover?text=${'a'.repeat(1001)}`), 414, 'too_long', 'text'],
      ['a path parameter over its length', () => get(`/v1/titles/${'x'.repeat(200)}`), 414, 'too_long', 'id'],
      ['a URL over its length', () => get(`/v1/titles/search?q=heat&padding=${'x'.repeat(15_000)}`), 414, 'too_long'],
      ['over 1,000 ids', () => post('/v1/recommend', { liked: Array.from({ length: 1001 }, (_, i) => `trakt:${i + 1}`) }), 413, 'too_large', 'liked'],
      ['a body over the limit', () => post('/v1/recommend', { liked: ['trakt:55006'], pad: 'x'.repeat(300_000) }), 413, 'too_large'],
      ['no liked titles', () => post('/v1/recommend', { liked: [] }), 400, 'bad_parameter', 'liked'],
      ['a malformed liked id', () => post('/v1/recommend', { liked: ['trakt:55006', 'trakt:-4'] }), 400, 'bad_parameter', 'liked.1'],
      ['a malformed filter in a body', () => post('/v1/recommend', { liked: ['trakt:55006'], filters: { type: 'film' } }), 400, 'bad_parameter', 'filters.type'],
      ['an unknown filter in a body', () => post('/v1/recommend', { liked: ['trakt:55006'], filters: { decade: '1990s' } }), 400, 'unknown_parameter', 'filters.decade'],
      ['a body that is not JSON', () => post('/v1/recommend', '{"liked": [', 'application/json'), 400, 'bad_body'],
      ['a body that is not JSON at all', () => post('/v1/recommend', 'liked=1', 'text/plain'), 415, 'unsupported_media_type'],
      ['an unknown route', () => get('/v2/titles'), 404, 'not_found'],
    ];
    for (const [what, answer, status, code, param] of cases) {
      const { status: got, body } = await answer();
      expect({ what, status: got, code: body.error.code, param: body.error.param }).toEqual({ what, status, code, param });
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.message).not.toMatch(/\n\s+at /);
    }
    const { body } = await get('/v1/titles/trakt:55006/similar?year=soon');
    expect(body.error.message).toBe('year must look like 1999, 1990-1999, 1990- or -1999, got "soon"');
  });
});

describe('the HTTP API while it loads', () => {
  it('answers 503 with Retry-After until the stage a route needs is in, and is healthy all along', async () => {
    const { outDir } = fixtureCatalog();
    const files = nodePlatform(outDir);
    let openIndex!: () => void;
    const indexHeld = new Promise<void>((resolve) => (openIndex = resolve));
    const platform: Platform = { ...files, fetchBytes: async (p, o) => (p.includes('vectors.i8') ? indexHeld.then(() => files.fetchBytes(p, o)) : files.fetchBytes(p, o)) };
    const engine = createEngine(platform);
    const loaded = engine.init();
    const { app, url } = await serve(engine, 'https://example.org');
    try {
      await expect.poll(() => engine.status().catalog.state).toBe('ready');
      const similar = await fetch(`${url}/v1/titles/trakt:55006/similar`);
      expect(similar.status).toBe(503);
      expect(similar.headers.get('retry-after')).toBe('5');
      expect((await similar.json()).error.code).toBe('loading');
      // Title search needs the catalog only: it answers already.
      expect((await fetch(`${url}/v1/titles/search?q=heat`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(503);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      openIndex();
      await loaded;
      const ready = await fetch(`${url}/v1/titles/trakt:55006/similar`, { headers: { origin: 'https://example.org' } });
      expect(ready.status).toBe(200);
      expect(ready.headers.get('access-control-allow-origin')).toBe('https://example.org');
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('answers 503 naming the failure when a stage failed to load', async () => {
    const { outDir } = fixtureCatalog();
    const engine = createEngine({ ...nodePlatform(outDir), loadEmbedder: () => Promise.reject(new Error('no CPU backend')) });
    await engine.init();
    const { app, url } = await serve(engine);
    try {
      const res = await fetch(`${url}/v1/discover?text=heist`);
      expect(res.status).toBe(503);
      expect((await res.json()).error).toEqual({ code: 'unavailable', message: 'the model failed to load: no CPU backend' });
      expect((await fetch(`${url}/v1/titles/trakt:55006/similar`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
