import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { loadEmbedder } from '../src/embedding/embedder.ts';
import { MODEL } from '../src/embedding/model.ts';
import { dot } from '../src/vectors/math.ts';
import { exactTopK, toMatrix } from '../src/vectors/exact.ts';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { ensureBaselineEnv, runBaseline } from './embedding/baseline.ts';
import { loadBuildEmbedder } from './embedding/buildEmbedder.ts';
import { DEFAULT_BATCH_SIZE, embedAll } from './embedding/embedAll.ts';
import { embeddingText } from './embedding/template.ts';
import { embeddingCacheFile, VectorCache } from './embedding/vectorCache.ts';
import { readPins } from './model/pins.ts';
import { APP_MODEL_ROOT, CACHE_DIR, MODEL_ROOT } from './paths.ts';
import { openEngine } from './runtime/nodePlatform.ts';

const DEFAULT_DATA = path.join(CACHE_DIR, 'tmdb60k');
/** The batch the original system's stack was measured at. */
const BASELINE_BATCH = 32;
const OVERLAP_QUERIES = 1000;

const FLAGS = {
  data: { type: 'string', description: `a built catalog whose texts to embed (default ${path.relative(process.cwd(), DEFAULT_DATA)})` },
  texts: { type: 'string', description: 'how many of its texts, evenly spread (default 2000)' },
  overlap: { type: 'boolean', description: "also compare the top-10 neighbours of the whole catalog: the build's cached vectors against the baseline's (embeds every title once with the baseline, then cached)" },
  json: { type: 'boolean', description: 'print one JSON object' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

/**
 * The build's embedding speed against the original system's own stack, sentence-transformers
 * on PyTorch (CPU, float32, batch 32), on the same catalog texts and the same cores, one
 * after the other in one run: both rates and their ratio, and how close the vectors are
 * (cosine per text to the published float32 model's, and to the app's, which embeds queries
 * with the int8 matrices dequantized).
 */
runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run bench:embed -- [--data DIR] [--texts N] [--overlap] [--json]', FLAGS));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dataDir = path.resolve(flags.data ?? DEFAULT_DATA);
  const log = (msg: string) => console.error(msg);

  const engine = await openEngine(dataDir, { stages: ['catalog', 'index'] });
  const info = engine.catalogInfo()!;
  const all = engine.rankingInputs().catalog.entries(Array.from({ length: info.titles }, (_, i) => i));
  const wanted = parseIntFlag('texts', flags.texts, 1, all.length) ?? Math.min(2000, all.length);
  const texts = Array.from({ length: wanted }, (_, i) => embeddingText(all[Math.floor((i * all.length) / wanted)]!));
  const threads = availableParallelism();
  const python = await ensureBaselineEnv(log);

  log(`embedding ${wanted} texts of ${info.version} with Marquee's build embedder`);
  const marquee = await embedWithMarquee(texts);
  log(`embedding them with sentence-transformers (${threads} threads, batch ${BASELINE_BATCH})`);
  const baseline = await runBaseline(python, texts, { threads, batchSize: BASELINE_BATCH });
  const cosines = marquee.vectors.map((v, i) => dot(v, baseline.vectors[i]!));
  log("embedding them as the app does, with the int8 matrices dequantized");
  const app = await embedLikeTheApp(texts);
  const appCosines = marquee.vectors.map((v, i) => dot(v, app[i]!));

  const report = {
    catalog: { version: info.version, titles: info.titles },
    texts: wanted,
    threads,
    marquee: { perSecond: round(marquee.perSecond), seconds: round(marquee.seconds), batchSize: DEFAULT_BATCH_SIZE },
    sentenceTransformers: { perSecond: round(baseline.perSecond), seconds: round(baseline.seconds), batchSize: BASELINE_BATCH },
    ratio: round(marquee.perSecond / baseline.perSecond, 3),
    cosineToFloat32: spread(cosines),
    cosineToApp: spread(appCosines),
    ...(flags.overlap ? { neighbourOverlapAt10: await neighbourOverlap(all.map(embeddingText), python, threads, log) } : {}),
  };
  if (flags.json) return console.log(JSON.stringify(report));
  console.log(`${wanted} texts of ${info.version}, ${threads} threads`);
  console.log(`Marquee: ${report.marquee.perSecond} texts/s (batch ${DEFAULT_BATCH_SIZE}); sentence-transformers: ${report.sentenceTransformers.perSecond} texts/s (batch ${BASELINE_BATCH}); ratio ${report.ratio}`);
  console.log(`cosine to the float32 model: mean ${report.cosineToFloat32.mean}, min ${report.cosineToFloat32.min}`);
  console.log(`cosine to the app's query vectors: mean ${report.cosineToApp.mean}, min ${report.cosineToApp.min}`);
  if (report.neighbourOverlapAt10 !== undefined) console.log(`top-10 neighbour overlap over the catalog: ${report.neighbourOverlapAt10}`);
});

/** The build's own path (tools/embedding/buildEmbedder.ts through embedAll, a fresh cache), warmed up first, token counting included. */
async function embedWithMarquee(texts: string[]): Promise<{ perSecond: number; seconds: number; vectors: Float32Array[] }> {
  const embedder = await loadBuildEmbedder(MODEL_ROOT, 'cpu');
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-embed-'));
  try {
    // Every worker's first batch is slow: warm them all.
    await Promise.all(Array.from({ length: embedder.parallel }, () => embedder.embed(texts.slice(0, DEFAULT_BATCH_SIZE))));
    const cache = new VectorCache(path.join(dir, 'vectors.bin'), MODEL.dims);
    const start = performance.now();
    const { vectors } = await embedAll(texts, embedder, cache);
    const seconds = (performance.now() - start) / 1000;
    cache.close();
    return { perSecond: texts.length / seconds, seconds, vectors };
  } finally {
    await embedder.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The vectors the app's free-text search would make of the texts (tools/model/appModel.ts). */
async function embedLikeTheApp(texts: string[]): Promise<Float32Array[]> {
  const embedder = await loadEmbedder({ modelRoot: APP_MODEL_ROOT, device: 'cpu' });
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += DEFAULT_BATCH_SIZE) vectors.push(...(await embedder.embed(texts.slice(i, i + DEFAULT_BATCH_SIZE))));
  return vectors;
}

/**
 * Mean share of each title's 10 nearest (exact, itself left out) that the build's vectors
 * and the baseline's agree on, over 1,000 titles spread through the catalog. The build's
 * vectors come from its embedding cache; the baseline's are embedded once per set of texts
 * (a rebuild with another model keeps them).
 */
async function neighbourOverlap(texts: string[], python: string, threads: number, log: (msg: string) => void): Promise<number> {
  const cache = new VectorCache(embeddingCacheFile(await readPins()), MODEL.dims);
  const ours = texts.map((t) => cache.get(VectorCache.key(t)));
  if (ours.some((v) => !v)) throw new Error(`the embedding cache lacks vectors of this catalog: build it first (npm run catalog)`);
  const file = path.join(CACHE_DIR, 'sentence-transformers-vectors', `${createHash('sha256').update(texts.join('\u0000')).digest('hex').slice(0, 16)}.f32`);
  let theirs: Float32Array;
  if (existsSync(file)) {
    const bytes = await readFile(file);
    theirs = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  } else {
    log(`embedding all ${texts.length} texts with sentence-transformers for the overlap (once; cached in ${path.relative(CACHE_DIR, file)})`);
    const run = await runBaseline(python, texts, { threads, batchSize: BASELINE_BATCH });
    theirs = toMatrix(run.vectors, MODEL.dims).data;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, theirs);
  }
  if (theirs.length !== texts.length * MODEL.dims) throw new Error(`${file} does not hold ${texts.length} vectors: delete it to embed again`);
  const a = toMatrix(ours as Float32Array[], MODEL.dims);
  const b = { data: theirs, dims: MODEL.dims, count: texts.length };
  let shared = 0;
  for (let q = 0; q < OVERLAP_QUERIES; q++) {
    const id = Math.floor((q * texts.length) / OVERLAP_QUERIES);
    const mine = new Set(exactTopK(a, a.data.subarray(id * MODEL.dims, (id + 1) * MODEL.dims), 10, { exclude: id }).map((n) => n.id));
    shared += exactTopK(b, b.data.subarray(id * MODEL.dims, (id + 1) * MODEL.dims), 10, { exclude: id }).filter((n) => mine.has(n.id)).length;
  }
  return round(shared / (OVERLAP_QUERIES * 10), 4);
}

function spread(cosines: number[]): { mean: number; min: number } {
  return { mean: round(cosines.reduce((a, b) => a + b, 0) / cosines.length, 5), min: round(Math.min(...cosines), 5) };
}

function round(x: number, digits = 1): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
