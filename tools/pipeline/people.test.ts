import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { RELATEDNESS } from '../../src/ranking/relatedness.ts';
import { openEngine } from '../runtime/nodePlatform.ts';
import { syntheticMovies } from '../testing/fakeTrakt/catalogs.ts';
import { startFakeTrakt } from '../testing/fakeTrakt/server.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const KEY = 'people-test-key';

describe('cast and crew from Trakt', async () => {
  // Twenty films alike in all but a number ("A story number 7 of 2001."): the people decide.
  const movies = syntheticMovies([2001], 20);
  const person = (name: string) => ({ name, ids: { trakt: name.length, slug: name.toLowerCase().replace(/ /g, '-'), imdb: null, tmdb: null } });
  const cast = (...names: string[]) => names.map((name) => ({ characters: [], person: person(name) }));
  const directedBy = (name: string) => ({ directing: [{ jobs: ['Director'], person: person(name) }] });
  const extras = ['Extra One', 'Extra Two', 'Extra Three', 'Extra Four', 'Extra Five', 'Extra Six', 'Extra Seven'];
  const people = new Map<string, unknown>([
    [`movie:${movies[1]!.ids.trakt}`, { cast: cast('Tom Hanks', 'Meg Ryan', ...extras.slice(0, 5), 'Bill Pullman'), crew: directedBy('Nora Ephron') }],
    [`movie:${movies[11]!.ids.trakt}`, { cast: cast('Someone Else'), crew: directedBy('Nora Ephron') }],
    [`movie:${movies[15]!.ids.trakt}`, { cast: cast('Meg Ryan'), crew: {} }],
    // Billed eighth in the first film: not a leading actor there.
    [`movie:${movies[17]!.ids.trakt}`, { cast: cast('Bill Pullman'), crew: {} }],
  ]);
  const fake = await startFakeTrakt({ movies, shows: [], people, apiKey: KEY, rateLimit: { requests: 1000, perMs: 1000 } });
  afterAll(() => fake.close());

  it('count toward "more like this" and show among the reasons: a shared director, then a shared leading actor', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'people-'));
    const out = path.join(work, 'data');
    const args = ['tools/catalog.ts', '--source', 'trakt', '--with-people', '--trakt-url', fake.url, '--years', '2001', '--types', 'movies', '--rate', '1000/1', '--journal', path.join(work, 'ingest.jsonl'), '--out', out];
    await run(path.join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, env: { ...process.env, TRAKT_CLIENT_ID: KEY } });
    const engine = await openEngine(out, { stages: ['catalog', 'index'] });
    const keyOf = (i: number) => engine.title(`imdb:${movies[i]!.ids.imdb}`)!.key;

    const results = engine.similar(keyOf(1), 5);
    const at = (i: number) => results.findIndex((r) => r.entry.key === keyOf(i));
    expect(at(11)).toBe(0);
    expect(results[0]!.why.sharedPeople).toEqual([{ name: 'Nora Ephron', role: 'crew', job: 'Director' }]);
    expect(at(15)).toBe(1);
    expect(results[1]!.why.sharedPeople.map((p) => p.name)).toEqual(['Meg Ryan']);
    // Relatedness counts a director fully and a leading actor by half, on top of the rest.
    expect(results[0]!.score - results[0]!.why.similarity - (results[1]!.score - results[1]!.why.similarity)).toBeCloseTo(RELATEDNESS.people / 2, 2);
    const pullman = engine.similar(keyOf(1), 19).find((r) => r.entry.key === keyOf(17))!;
    expect(pullman.why.sharedPeople).toEqual([]);
  }, 120_000);
});
