import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { MANIFEST_FILE, type Manifest } from '../src/catalog/manifest.ts';
import { parseArgs, runCli, usage, UsageError } from './cli/args.ts';
import { CACHE_DIR, ROOT } from './paths.ts';

const FLAGS = {
  data: { type: 'string', description: 'catalog directory (default .cache/tmdb60k, the 60k TMDB catalog)' },
  json: { type: 'boolean', description: 'print one JSON object' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPED = ['harry potter and the chamber of secrets', 'the dark knight', 'now you see me', 'inception', 'spirited away', 'the grand budapest hotel', 'mad max fury road', 'amelie', 'parasite', 'the lord of the rings'];
const DESCRIPTIONS = ['a heist by stage magicians', 'toys that come alive when nobody is watching', 'astronauts stranded in orbit', 'a shy waitress in paris changes lives', 'a detective hunts a serial killer in the rain', 'a family road trip goes wrong', 'robots rebel against humans', 'a chef opens a restaurant', 'a boxer gets one last chance', 'ghosts haunt an old house'];

/**
 * The engine in headless Chromium on a built catalog: time to each loading stage, cold and
 * warm, and the latency of each operation through the real worker. Numbers, not a test.
 */
runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run bench -- [--data DIR] [--json]', FLAGS));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dataDir = path.resolve(flags.data ?? path.join(CACHE_DIR, 'tmdb60k'));
  if (!existsSync(path.join(dataDir, MANIFEST_FILE))) {
    throw new Error(`no catalog in ${dataDir}: build it with \`npm run catalog -- --source tmdb-csv ../shared/data/tmdb-2000-2021 --out .cache/tmdb60k\``);
  }
  const manifest = JSON.parse(readFileSync(path.join(dataDir, MANIFEST_FILE), 'utf8')) as Manifest;
  const log = (m: string) => !flags.json && console.error(m);

  const site = path.join(CACHE_DIR, 'bench-site');
  log(`bench: building the site with ${manifest.counts.titles} titles`);
  await build({ root: ROOT, logLevel: 'silent', publicDir: false, build: { outDir: site, emptyOutDir: true } });
  rmSync(path.join(site, 'data'), { recursive: true, force: true });
  mkdirSync(path.join(site, 'data'));
  for (const f of [MANIFEST_FILE, manifest.catalog.file, manifest.index.file]) cpSync(path.join(dataDir, f), path.join(site, 'data', f));

  const server = await preview({ root: ROOT, logLevel: 'silent', build: { outDir: site }, preview: { port: 4180, host: '127.0.0.1' } });
  const url = server.resolvedUrls!.local[0]!;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    // tsx compiles with keepNames, which wraps functions in __name(); functions sent to the page need it there too.
    await page.addInitScript('globalThis.__name = (fn) => fn');
    const stages = async () => {
      const t0 = Date.now();
      const at: Record<string, number> = {};
      for (const stage of ['catalog', 'index', 'model']) {
        await page.waitForSelector(`[data-testid="stage-${stage}"][data-state="ready"]`, { timeout: 300_000 });
        at[stage] = Date.now() - t0;
      }
      return at;
    };
    log('bench: cold start');
    const coldStart = page.goto(url);
    const cold = await stages();
    await coldStart;
    log('bench: warm start');
    const warmStart = page.reload();
    const warm = await stages();
    await warmStart;

    log('bench: queries');
    const results = await page.evaluate(
      async ({ typed, descriptions, count }) => {
        const engine = globalThis.marqueeEngine!;
        const stats = (ms: number[]) => {
          const s = [...ms].sort((a, b) => a - b);
          const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100;
          return { n: s.length, p50: at(0.5), p95: at(0.95) };
        };
        const time = async (fn: () => Promise<unknown>) => {
          const t0 = performance.now();
          await fn();
          return performance.now() - t0;
        };
        const keystrokes: number[] = [];
        for (const title of typed) for (let i = 1; i <= title.length; i++) keystrokes.push(await time(() => engine.searchTitles(title.slice(0, i))));
        let seed = 7;
        const ids = Array.from({ length: 200 }, () => (seed = (seed * 48271) % 2147483647) % count);
        const similar: number[] = [];
        for (const id of ids) similar.push(await time(() => engine.similar(id, 10)));
        const selective: number[] = [];
        const broad: number[] = [];
        for (const id of ids.slice(0, 50)) {
          selective.push(await time(() => engine.similar(id, 10, { genres: ['western'], yearMin: 2010 })));
          broad.push(await time(() => engine.similar(id, 10, { minVotes: 10 })));
        }
        const embedding: number[] = [];
        const text: number[] = [];
        for (const d of descriptions) {
          embedding.push(await time(() => engine.embedText(d)));
          text.push(await time(() => engine.searchText(d, 10)));
        }
        return {
          titleSearch: stats(keystrokes),
          similar: stats(similar),
          similarSelectiveFilter: stats(selective),
          similarBroadFilter: stats(broad),
          freeText: { total: stats(text), embedding: stats(embedding) },
        };
      },
      { typed: TYPED, descriptions: DESCRIPTIONS, count: manifest.counts.titles },
    );
    const memory = await page.evaluate(async () => {
      const measure = (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> }).measureUserAgentSpecificMemory;
      return measure ? (await measure.call(performance)).bytes : null;
    });

    const report = {
      catalog: { version: manifest.version, titles: manifest.counts.titles, efSearch: manifest.index.efSearch, buildRecallAt10: manifest.index.recallAt10 },
      msToReady: { cold, warm },
      ...results,
      pageAndWorkerMemoryBytes: memory,
      browser: browser.version(),
    };
    console.log(flags.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
});
