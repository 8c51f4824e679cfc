import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticMovies } from '../testing/fakeTrakt/catalogs.ts';
import { startFakeTrakt } from '../testing/fakeTrakt/server.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const KEY = 'trakt-key-3c9e1f0a7b2d4e6f8a0b1c2d3e4f5a6b';

/** Every file under `dir` whose bytes contain `needle`. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(needle)) found.push(path.relative(dir, file));
  }
  return found;
}

describe('the Trakt key', async () => {
  const fake = await startFakeTrakt({ movies: syntheticMovies([2001], 30), shows: [], apiKey: KEY, rateLimit: { requests: 100, perMs: 1000 } });
  afterAll(() => fake.close());

  it('is used to build a catalog from Trakt, and appears in no file of the built site', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'site-'));
    const env = { ...process.env, TRAKT_CLIENT_ID: KEY };
    const args = ['tools/catalog.ts', '--source', 'trakt', '--trakt-url', fake.url, '--years', '2001', '--types', 'movies', '--rate', '100/1', '--journal', path.join(work, 'ingest.jsonl'), '--out', path.join(work, 'public/data')];
    await run(path.join(ROOT, 'node_modules/.bin/tsx'), args, { cwd: ROOT, env });
    expect(fake.log.filter((l) => l.status === 200).length).toBeGreaterThan(0);

    process.env.TRAKT_CLIENT_ID = KEY;
    try {
      await build({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), publicDir: path.join(work, 'public'), logLevel: 'silent', build: { outDir: path.join(work, 'dist'), emptyOutDir: true } });
    } finally {
      delete process.env.TRAKT_CLIENT_ID;
    }
    const dist = path.join(work, 'dist');
    const manifest = JSON.parse(await readFile(path.join(dist, 'data/manifest.json'), 'utf8'));
    expect(manifest.counts.titles).toBe(30);
    expect(await filesContaining(dist, KEY)).toEqual([]);
    expect(await filesContaining(work, KEY)).toEqual([]);

    // The search does find the key where it is.
    await writeFile(path.join(dist, 'canary.txt'), `key=${KEY}`);
    expect(await filesContaining(dist, KEY)).toEqual(['canary.txt']);
  }, 120_000);
});
