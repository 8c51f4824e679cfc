import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, type Manifest } from '../src/catalog/manifest.ts';
import { SCHEMA_VERSION } from '../src/catalog/schema.ts';
import { DEFAULT_HNSW } from './artifacts/hnswBuild.ts';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { formatDuration } from './cli/progress.ts';
import { DEFAULT_BATCH_SIZE } from './embedding/embedAll.ts';
import { tmdbCsvSource } from './importers/tmdbCsv.ts';
import { traktIngestSource } from './importers/traktIngest.ts';
import { traktJsonSource } from './importers/traktJson.ts';
import type { ImportSource } from './importers/types.ts';
import { vegaDemoSource } from './importers/vegaDemo.ts';
import { readPins } from './model/pins.ts';
import { DEFAULT_OUT_DIR, ROOT, TRAKT_JOURNAL } from './paths.ts';
import { buildCatalog } from './pipeline/buildCatalog.ts';
import { createTraktClient, DEFAULT_RATE_LIMIT, TRAKT_API } from './trakt/client.ts';
import { ingest, refreshUpdated } from './trakt/ingest.ts';
import { IngestJournal, type TraktType } from './trakt/journal.ts';
import type { RateLimit } from './trakt/pacer.ts';

const FLAGS = {
  source: { type: 'string', description: 'demo | tmdb-csv | json | trakt (default demo); tmdb-csv and json take a PATH' },
  out: { type: 'string', description: `output directory (default ${path.relative(process.cwd(), DEFAULT_OUT_DIR)})` },
  limit: { type: 'string', description: 'read at most N source records' },
  m: { type: 'string', description: `HNSW M (default ${DEFAULT_HNSW.M})` },
  'ef-construction': { type: 'string', description: `HNSW efConstruction (default ${DEFAULT_HNSW.efConstruction})` },
  'ef-search': { type: 'string', description: 'HNSW efSearch for the app, or auto: the smallest reaching recall@10 0.99 (default auto)' },
  'batch-size': { type: 'string', description: `texts per embedding batch (default ${DEFAULT_BATCH_SIZE})` },
  years: { type: 'string', description: `trakt: release years to ingest, FROM-TO (default 1900-${new Date().getFullYear() + 1})` },
  types: { type: 'string', description: 'trakt: movies, shows or movies,shows (default both)' },
  rate: { type: 'string', description: 'trakt: requests/seconds to stay under (default 500/300: the limit observed in 2026)' },
  'trakt-url': { type: 'string', description: `trakt: API base URL (default ${TRAKT_API})` },
  'with-people': { type: 'boolean', description: 'trakt: also fetch cast and crew, one request per title' },
  languages: { type: 'string', description: 'trakt: only titles in these languages, e.g. en,fr' },
  lists: { type: 'string', description: 'trakt: list endpoints to take as well, e.g. popular,trending' },
  'updated-since': { type: 'string', description: 'trakt: instead of the bulk ingest, fetch again what Trakt lists as updated since YYYY-MM-DD (at most 30 days back)' },
  journal: { type: 'string', description: `trakt: the ingest's checkpoint file (default ${path.relative(process.cwd(), TRAKT_JOURNAL)})` },
  'if-missing': { type: 'boolean', description: 'do nothing when the output directory already holds a catalog built with the pinned model' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

const SOURCES = ['demo', 'tmdb-csv', 'json', 'trakt'] as const;

runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run catalog -- --source demo|tmdb-csv|json [PATH] [flags]', FLAGS));
  const sourceName = flags.source ?? 'demo';
  if (!(SOURCES as readonly string[]).includes(sourceName)) throw new UsageError(`--source must be one of ${SOURCES.join(', ')}, got "${sourceName}"`);
  const [target, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const takesPath = sourceName === 'tmdb-csv' || sourceName === 'json';
  if (!takesPath && target) throw new UsageError(`--source ${sourceName} takes no PATH (got "${target}")`);
  if (takesPath && !target) throw new UsageError(`--source ${sourceName} needs a PATH`);
  if (sourceName !== 'trakt') {
    for (const f of ['years', 'types', 'rate', 'trakt-url', 'journal', 'lists', 'updated-since', 'with-people', 'languages'] as const) if (flags[f] !== undefined) throw new UsageError(`--${f} is for --source trakt`);
  }

  const outDir = path.resolve(flags.out ?? DEFAULT_OUT_DIR);
  if (flags['if-missing'] && (await isCurrent(outDir))) {
    return console.log(`catalog: ${path.relative(process.cwd(), outDir)} is up to date (rebuild with \`npm run catalog\`)`);
  }

  let source: ImportSource;
  if (sourceName === 'demo') source = vegaDemoSource();
  else if (sourceName === 'tmdb-csv') source = tmdbCsvSource(path.resolve(target!));
  else if (sourceName === 'json') source = traktJsonSource(path.resolve(target!));
  else {
    const types = parseTypes(flags.types);
    const years = parseYears(flags.years);
    const rateLimit = parseRate(flags.rate);
    const since = flags['updated-since'];
    if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new UsageError(`--updated-since must be a date YYYY-MM-DD, got "${since}"`);
    const lists = flags.lists?.split(',').map((l) => l.trim()).filter(Boolean);
    const languages = flags.languages?.split(',').map((l) => l.trim().toLowerCase()).filter(Boolean);
    if (languages?.some((l) => !/^[a-z]{2}$/.test(l))) throw new UsageError(`--languages must be two-letter codes such as en,fr, got "${flags.languages}"`);
    const journalFile = path.resolve(flags.journal ?? TRAKT_JOURNAL);

    const client = createTraktClient({
      clientId: process.env.TRAKT_CLIENT_ID,
      baseUrl: flags['trakt-url'],
      userAgent: `Marquee/${packageVersion()} (catalog build)`,
      rateLimit,
      log: (m) => console.log(`trakt: ${m}`),
    });
    const journal = new IngestJournal(journalFile);
    const log = (m: string) => console.log(m);
    const stats = since ? await refreshUpdated(client, journal, types, since, 250, log) : await ingest(client, journal, { types, years, limit: 250, lists, languages, withPeople: flags['with-people'] }, log);
    journal.close();
    console.log(
      `trakt: ${stats.items} titles from ${stats.listings} listings (${stats.pagesFetched} requests for pages now, ${stats.repaged} listings paged again` +
        `${stats.incomplete ? `, ${stats.incomplete} still incomplete: see the warnings` : ''})`,
    );
    source = traktIngestSource(journalFile);
  }
  const manifest = await buildCatalog({
    source,
    outDir,
    limit: parseIntFlag('limit', flags.limit, 1),
    batchSize: parseIntFlag('batch-size', flags['batch-size'], 1, 1024),
    hnsw: {
      M: parseIntFlag('m', flags.m, 2, 128) ?? DEFAULT_HNSW.M,
      efConstruction: parseIntFlag('ef-construction', flags['ef-construction'], 10, 2000) ?? DEFAULT_HNSW.efConstruction,
      efSearch: flags['ef-search'] === 'auto' ? 'auto' : (parseIntFlag('ef-search', flags['ef-search'], 10, 2000) ?? DEFAULT_HNSW.efSearch),
      seed: DEFAULT_HNSW.seed,
    },
  });
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  console.log(
    `catalog: ${manifest.counts.titles} titles in ${path.relative(process.cwd(), outDir) || '.'} ` +
      `(catalog ${mb(manifest.catalog.bytes)}, index ${mb(manifest.index.bytes)}, recall@10 ${manifest.index.recallAt10}, ` +
      `${formatDuration(manifest.timings.total)} total, version ${manifest.version})`,
  );
});

/** A catalog is current when its manifest exists, has this schema version and names the pinned model files. */
async function isCurrent(outDir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    const pins = await readPins();
    if (manifest.catalog.schemaVersion !== SCHEMA_VERSION) return false;
    return Object.entries(pins.files).every(([file, hash]) => manifest.model.files[file as keyof typeof pins.files] === hash);
  } catch {
    return false;
  }
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function parseYears(v: string | undefined): { from: number; to: number } {
  if (v === undefined) return { from: 1900, to: new Date().getFullYear() + 1 };
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(v.trim());
  if (!m || (m[2] && Number(m[2]) < Number(m[1]))) throw new UsageError(`--years must look like 2000-2021 or 2015, got "${v}"`);
  return { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

function parseTypes(v: string | undefined): TraktType[] {
  if (v === undefined) return ['movie', 'show'];
  const types = v.split(',').map((t) => ({ movies: 'movie', shows: 'show' })[t.trim()]);
  if (types.some((t) => !t)) throw new UsageError(`--types must be movies, shows or movies,shows, got "${v}"`);
  return types as TraktType[];
}

function parseRate(v: string | undefined): RateLimit {
  if (v === undefined) return DEFAULT_RATE_LIMIT;
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--rate must be REQUESTS/SECONDS such as 500/300, got "${v}"`);
  return { requests: Number(m[1]), perMs: Number(m[2]) * 1000 };
}
