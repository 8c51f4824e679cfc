import { readFile } from 'node:fs/promises';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { MANIFEST_FILE, parseManifest } from '../src/catalog/manifest.ts';
import type { CatalogEntry } from '../src/catalog/record.ts';
import { sqlCatalog } from '../src/catalog/sqlCatalog.ts';
import { readTitleTexts } from '../src/catalog/titleTexts.ts';
import { titleKey } from '../src/catalog/titleKey.ts';
import { MODEL } from '../src/embedding/model.ts';
import { decodeCompactVectors, dequantize } from '../src/vectors/compactVectors.ts';
import { DEFAULT_HNSW } from './artifacts/hnswBuild.ts';
import { buildVectorArtifacts } from './artifacts/vectorArtifacts.ts';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { readPins } from './model/pins.ts';
import { CACHE_DIR, MODEL_ROOT } from './paths.ts';
import { writeCatalog } from './pipeline/writeCatalog.ts';
import { seededRandom } from '../src/vectors/seededRandom.ts';

/** Trakt's movie catalog when the original system was built on it. */
const TRAKT_TITLES = 333_946;
/** Per-dimension noise on a derived title's vector: about 0.7 cosine to the title it came from, as related titles are. */
const NOISE = 0.05;

const FLAGS = {
  from: { type: 'string', description: 'the built catalog to derive from (default .cache/tmdb60k)' },
  out: { type: 'string', description: 'output directory (default .cache/scale334k)' },
  titles: { type: 'string', description: `titles in all (default ${TRAKT_TITLES}, Trakt's size)` },
  seed: { type: 'string', description: 'noise seed (default 1)' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

/**
 * A catalog at Trakt's size for the benchmark (`npm run bench -- --data DIR`), derived from a
 * built one: each source title again under a new title and new ids, its vector perturbed
 * and renormalised (no embedding), then int8 vectors and neighbour lists built and measured
 * as for a real catalog. Marked synthetic in its manifest; never shipped.
 */
runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run catalog:scale -- [--from DIR] [--out DIR] [--titles N] [--seed N]', FLAGS));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const from = path.resolve(flags.from ?? path.join(CACHE_DIR, 'tmdb60k'));
  const outDir = path.resolve(flags.out ?? path.join(CACHE_DIR, 'scale334k'));
  const total = parseIntFlag('titles', flags.titles, 2, 10_000_000) ?? TRAKT_TITLES;
  const seed = parseIntFlag('seed', flags.seed, 0) ?? 1;
  const t0 = performance.now();

  const manifestText = await readFile(path.join(from, MANIFEST_FILE), 'utf8').catch(() => {
    throw new Error(`no catalog in ${from} (${MANIFEST_FILE} is missing): build one with \`npm run catalog -- --source tmdb-csv ../shared/data/tmdb-2000-2021 --out .cache/tmdb60k\``);
  });
  const manifest = parseManifest(manifestText);
  if (manifest.synthetic) throw new UsageError(`${from} is a synthetic catalog already: derive from a real one`);
  const db = new (await initSqlJs()).Database(await readFile(path.join(from, manifest.catalog.file)));
  const count = manifest.counts.titles;
  const texts = readTitleTexts(await readFile(path.join(from, manifest.texts.file)), count);
  const source = sqlCatalog(db, texts).entries(Array.from({ length: count }, (_, i) => i));
  db.close();
  const compact = decodeCompactVectors(await readFile(path.join(from, manifest.index.file)), { count, dims: MODEL.dims });

  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const entries: CatalogEntry[] = [];
  const vectors: Float32Array[] = [];
  for (let id = 0; id < total; id++) {
    const original = source[id % count]!;
    const copy = Math.floor(id / count);
    const entry = copy === 0 ? { ...original, id } : derived(original, copy, id);
    entries.push({ ...entry, key: titleKey(entry) });
    const v = dequantize(compact, id % count);
    if (copy > 0) for (let j = 0; j < v.length; j++) v[j]! += NOISE * gaussian();
    const norm = Math.hypot(...v);
    vectors.push(v.map((x) => x / norm));
  }
  console.log(`scale: ${total} titles from ${count} in ${path.relative(process.cwd(), from)}`);

  const timings = { import: 0, embed: 0, index: 0, recall: 0, neighbours: 0, write: 0, total: 0 };
  const built = await buildVectorArtifacts(vectors, MODEL.dims, { hnsw: DEFAULT_HNSW, entries, log: (m) => console.log(m) });
  Object.assign(timings, built.seconds);
  const pins = await readPins();
  const out = await writeCatalog(
    outDir,
    {
      source: `synthetic: ${total} titles derived from ${manifest.source}`,
      read: total,
      entries,
      rejected: [],
      modelRoot: MODEL_ROOT,
      modelFiles: pins.files,
      hnsw: DEFAULT_HNSW,
      vectors: built,
      embedding: { total, embedded: 0, seconds: 0, perSecond: 0 },
      timings,
      synthetic: { from: manifest.version, seed },
    },
    t0,
  );
  console.log(`scale: ${out.counts.titles} titles in ${path.relative(process.cwd(), outDir)} (version ${out.version}, ${Math.round(timings.total)} s)`);
});

/** A new title from `original`: another name and ids no real title has. */
function derived(original: CatalogEntry, copy: number, id: number): CatalogEntry {
  const offset = copy * 10_000_000;
  return {
    ...original,
    id,
    title: `${original.title} ${copy + 1}`,
    originalTitle: null,
    ids: {
      trakt: original.ids.trakt === null ? null : original.ids.trakt + offset,
      tmdb: original.ids.tmdb === null ? null : original.ids.tmdb + offset,
      imdb: null,
      slug: null,
    },
  };
}
