import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { CACHE_DIR, ROOT } from './paths.ts';
import { openEngine } from './runtime/nodePlatform.ts';

const DEFAULT_DATA = path.join(CACHE_DIR, 'tmdb60k');
/** Titles the similar and search runs go round: enough that no cache of one server answers from memory. */
const SAMPLE_TITLES = 2000;

const FLAGS = {
  data: { type: 'string', description: `a built catalog (default ${path.relative(process.cwd(), DEFAULT_DATA)})` },
  seconds: { type: 'string', description: 'length of each throughput run (default 20)' },
  'memory-seconds': { type: 'string', description: 'length of the run that watches memory (default 60)' },
  json: { type: 'boolean', description: 'print one JSON object' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

/**
 * The HTTP API under load (autocannon, loopback, the server a process of its own writing its
 * request log to a file, as deployed): requests per second and latency for similar and
 * search at 32 connections (each also filtered or misspelt), for descriptions at 4 and for
 * `/healthz` (the framework's own ceiling on these cores), then the server's resident memory
 * through a longer mixed run. Every run goes round 2,000 titles spread over the catalog;
 * filtered similar requests go round four kinds of filter.
 */
runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run bench:api -- [--data DIR] [--seconds 20] [--memory-seconds 60] [--json]', FLAGS));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dataDir = path.resolve(flags.data ?? DEFAULT_DATA);
  const seconds = parseIntFlag('seconds', flags.seconds, 1, 3600) ?? 20;
  const memorySeconds = parseIntFlag('memory-seconds', flags['memory-seconds'], 1, 3600) ?? 60;
  const log = (msg: string) => console.error(msg);

  const { keys, titles, version } = await sampleTitles(dataDir);
  const descriptions = (JSON.parse(await readFile(path.join(ROOT, 'tools/eval/descriptions.json'), 'utf8')) as { descriptions: { text: string }[] }).descriptions.map((d) => d.text);
  const paths = {
    similar: keys.map((key) => `/v1/titles/${key}/similar?k=20`),
    similarFiltered: keys.map((key, i) => `/v1/titles/${key}/similar?k=20&${FILTERS[i % FILTERS.length]}`),
    search: titles.map((t, i) => `/v1/titles/search?k=10&q=${encodeURIComponent(t.slice(0, 4 + (i % 8)))}`),
    searchMisspelt: titles.map((t, i) => `/v1/titles/search?k=10&q=${encodeURIComponent(misspelt(t.slice(0, 5 + (i % 8))))}`),
    health: ['/healthz'],
    discover: descriptions.map((d) => `/v1/discover?k=20&text=${encodeURIComponent(d)}`),
  };

  const server = await startServer(dataDir, log);
  try {
    const load = (name: keyof typeof paths, connections: number, duration: number) => {
      log(`${name}: ${connections} connections, ${duration} s`);
      return measure(server.url, paths[name], connections, duration);
    };
    // The first answers compile the hot paths: not part of any figure.
    await load('similar', 8, 3);
    await load('search', 8, 2);
    const similar = await load('similar', 32, seconds);
    const similarFiltered = await load('similarFiltered', 32, seconds);
    const search = await load('search', 32, seconds);
    const searchMisspelt = await load('searchMisspelt', 32, seconds);
    // What the framework, the logging and the load generator leave on these cores: a route that does nothing.
    const health = await load('health', 32, seconds);
    const discover = await load('discover', 4, seconds);
    log(`memory: similar and search, 32 connections, ${memorySeconds} s`);
    const memory = await watchMemory(server.child.pid!, () => Promise.all([measure(server.url, paths.similar, 16, memorySeconds), measure(server.url, paths.search, 16, memorySeconds)]));

    const report = { catalog: { version, dataDir: path.relative(ROOT, dataDir) }, sampleTitles: keys.length, seconds, similar, similarFiltered, search, searchMisspelt, discover, health, memory };
    if (flags.json) return console.log(JSON.stringify(report));
    console.log(`catalog ${version}, ${seconds} s a run`);
    for (const [name, r] of Object.entries({ similar, 'similar, filtered': similarFiltered, search, 'search, misspelt': searchMisspelt, discover, healthz: health })) {
      console.log(`${name.padEnd(17)} ${String(r.connections).padStart(2)} connections: ${r.requestsPerSecond} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.failed} failed`);
    }
    console.log(`memory over ${memorySeconds} s: RSS ${memory.rssStartMB} -> ${memory.rssEndMB} MB (max ${memory.rssMaxMB})`);
  } finally {
    server.child.kill('SIGTERM');
  }
});

/** Filters as people set them: a genre, a decade, well-known titles only, a language. */
const FILTERS = ['genre=drama', 'year=2010-2019', 'min-votes=1000', 'language=fr'];

/** Two letters swapped, as a fast typist does: spelling correction answers. */
function misspelt(prefix: string): string {
  return prefix.length < 5 ? prefix : prefix.slice(0, 2) + prefix[3] + prefix[2] + prefix.slice(4);
}

async function sampleTitles(dataDir: string): Promise<{ keys: string[]; titles: string[]; version: string }> {
  const engine = await openEngine(dataDir, { stages: ['catalog'] });
  const info = engine.catalogInfo()!;
  const n = Math.min(SAMPLE_TITLES, info.titles);
  const picked = Array.from({ length: n }, (_, i) => engine.title(`id:${Math.floor((i * info.titles) / n)}`)!);
  return { keys: picked.map((e) => encodeURIComponent(e.key)), titles: picked.map((e) => e.title), version: info.version };
}

interface Server {
  url: string;
  child: ChildProcess;
}

/** `npm run serve` as deployed, one process, its log in a file; resolves once it is ready. */
async function startServer(dataDir: string, log: (msg: string) => void): Promise<Server> {
  const logFile = path.join(await mkdtemp(path.join(tmpdir(), 'bench-api-')), 'server.log');
  // Node itself, not the tsx wrapper: the pid whose memory is read must be the server's.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tools/serve.ts'), '--data', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', openSync(logFile, 'w'), 'inherit'] });
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready: see ${logFile}`))));
  log(`server log: ${logFile}`);
  const url = await Promise.race([exited, poll(async () => /listening at (http:\/\/\S+?)"/.exec(await readFile(logFile, 'utf8'))?.[1])]);
  await Promise.race([exited, poll(async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined))]);
  exited.catch(() => {});
  return { url, child };
}

async function poll<T>(check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up after ${timeoutMs / 1000} s`);
}

interface RunFigures {
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Errors, timeouts and answers other than 2xx: any is a finding. */
  failed: number;
}

/** One autocannon run going round `paths`. */
async function measure(url: string, paths: string[], connections: number, seconds: number): Promise<RunFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  return {
    connections,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
  };
}

/** The server's resident memory, read every second while `load` runs. */
async function watchMemory(pid: number, load: () => Promise<unknown>) {
  const rss = async () => Number(/VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  const samples = [await rss()];
  const timer = setInterval(() => void rss().then((mb) => samples.push(mb)), 1000);
  try {
    await load();
  } finally {
    clearInterval(timer);
  }
  samples.push(await rss());
  // The first and last tenth: growth is a trend, not one sample's garbage.
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const round = (mb: number) => Math.round(mb * 10) / 10;
  return {
    samples: samples.length,
    rssStartMB: round(mean(samples.slice(0, tenth))),
    rssEndMB: round(mean(samples.slice(-tenth))),
    rssMaxMB: round(Math.max(...samples)),
    /** Every tenth sample, to show the trend. */
    rssTrendMB: samples.filter((_, i) => i % 10 === 0).map(round),
  };
}
