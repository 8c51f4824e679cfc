import { expect, test } from '@playwright/test';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { ready } from './stages.ts';

const run = promisify(execFile);
const ROOT = path.join(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
// The demo catalog the site under test serves: the CLI and the API read the same files.
const DATA = path.join(ROOT, 'public/data');

type Ranked = { key: string; score: number };

let server: ChildProcess | undefined;
let api: Promise<string> | undefined;
test.afterAll(() => void server?.kill('SIGTERM'));

/** `npm run serve` over the site's catalog on a free port, started once for the file; resolves with its address once every stage is in. */
const startApi = () => (api ??= start());

async function start(): Promise<string> {
  server = spawn(TSX, [path.join(ROOT, 'tools/serve.ts'), '--data', DATA, '--port', '0']);
  const url = await new Promise<string>((resolve, reject) => {
    server!.on('exit', (code) => reject(new Error(`the API exited with ${code}`)));
    createInterface({ input: server!.stdout! }).on('line', (line) => {
      const found = /listening at (http:\/\/\S+?)"/.exec(line)?.[1];
      if (found) resolve(found);
    });
  });
  await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 60_000 }).toBe(200);
  return url;
}

const cli = async (...args: string[]) => JSON.parse((await run(TSX, [path.join(ROOT, 'tools/query.ts'), ...args, '--data', DATA, '--json'])).stdout);
const keysAndScores = (results: Ranked[]) => results.map((r) => ({ key: r.key, score: r.score }));

test('the browser worker, the query CLI and the HTTP API rank alike', async ({ page }) => {
  const api = await startApi();
  const hit = (await (await fetch(`${api}/v1/titles/search?q=toy%20story&k=1`)).json()).results[0];
  expect(hit.title).toBe('Toy Story');

  const viaApi = (await (await fetch(`${api}/v1/titles/${hit.key}/similar?k=10&exclude-genre=horror&popularity=0.3`)).json()).results as Ranked[];
  const viaCli = (await cli('similar', hit.key, '--k', '10', '--exclude-genre', 'horror', '--popularity', '0.3')).results as Ranked[];
  const text = 'a boy and his dog on an adventure';
  const describedApi = (await (await fetch(`${api}/v1/discover?k=10&text=${encodeURIComponent(text)}`)).json()).results as Ranked[];
  const describedCli = (await cli('text', text, '--k', '10')).results as Ranked[];

  await page.goto('/');
  await ready(page);
  const inWorker = await page.evaluate(
    async ({ key, text }) => {
      const engine = globalThis.marqueeEngine!;
      const round = (r: { entry: { key: string }; score: number }) => ({ key: r.entry.key, score: Math.round(r.score * 10000) / 10000 });
      return {
        similar: (await engine.similar(key, 10, { excludeGenres: ['horror'] }, { popularityBoost: 0.3 })).map(round),
        described: (await engine.searchText(text, 10)).map(round),
      };
    },
    { key: hit.key, text },
  );

  expect(viaApi).toHaveLength(10);
  expect(viaApi).toEqual(viaCli);
  expect(keysAndScores(viaApi)).toEqual(inWorker.similar);
  expect(describedApi).toEqual(describedCli);
  // The browser embeds the text with transformers.js on WASM, Node with onnxruntime-node: the
  // same model file, float sums in another order. The titles agree; scores within 0.001.
  expect(inWorker.described.map((r) => r.key)).toEqual(describedApi.map((r) => r.key));
  inWorker.described.forEach((r, i) => expect(r.score).toBeCloseTo(describedApi[i]!.score, 3));
});

test('every route answers over the demo catalog, and a bad request is named', async () => {
  const url = await startApi();
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(url + path, init);
    return { status: res.status, body: await res.json() };
  };
  const [toyStory] = (await json('/v1/titles/search?q=toy%20story&k=1')).body.results;
  expect(toyStory.title).toBe('Toy Story');
  expect((await json(`/v1/titles/${toyStory.key}`)).body.title).toMatchObject({ key: toyStory.key, title: 'Toy Story', year: toyStory.year });
  const similar = await json(`/v1/titles/${toyStory.key}/similar?k=5&genre=adventure`);
  expect(similar.body.results).toHaveLength(5);
  for (const r of similar.body.results) expect(r.genres).toContain('adventure');
  const recommend = await json('/v1/recommend', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ liked: [toyStory.key], k: 5 }) });
  expect(recommend.body.results).toHaveLength(5);
  expect(recommend.body.results.map((r: { key: string }) => r.key)).not.toContain(toyStory.key);
  const catalog = await json('/v1/catalog');
  expect(catalog.body).toMatchObject({ source: expect.stringContaining('demo'), counts: { titles: expect.any(Number) } });
  expect(catalog.body.counts.titles).toBeGreaterThan(3000);
  expect((await json('/healthz')).status).toBe(200);
  expect((await json('/readyz')).body.ready).toBe(true);
  expect((await json('/openapi.json')).body.openapi).toBe('3.1.0');
  expect((await json(`/v1/titles/${toyStory.key}/similar?year=soon`)).body.error).toMatchObject({ code: 'bad_parameter', param: 'year' });
  expect((await json('/v1/titles/tmdb:1')).status).toBe(404);
});
