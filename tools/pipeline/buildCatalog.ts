import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, MANIFEST_FORMAT, type Manifest } from '../../src/catalog/manifest.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { SCHEMA_VERSION } from '../../src/catalog/schema.ts';
import { loadEmbedder } from '../../src/embedding/embedder.ts';
import { MODEL } from '../../src/embedding/model.ts';
import { toMatrix } from '../../src/vectors/exact.ts';
import { loadHnswIndex } from '../../src/vectors/hnswIndex.ts';
import { readNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { buildHnswIndex, EF_SEARCH_LADDER, type HnswParams } from '../artifacts/hnswBuild.ts';
import { buildNeighbourLists, NEIGHBOURS_EF_SEARCH, NEIGHBOURS_PER_TITLE } from '../artifacts/neighbourLists.ts';
import { chooseEfSearch, groundTruth, listRecall } from '../artifacts/recall.ts';
import { writeCatalogDb } from '../artifacts/sqliteCatalog.ts';
import { embedAll } from '../embedding/embedAll.ts';
import { EMBEDDING_TEMPLATE, embeddingText } from '../embedding/template.ts';
import { VectorCache } from '../embedding/vectorCache.ts';
import type { ImportItem, ImportSource } from '../importers/types.ts';
import { countByReason, validateAll } from '../importers/validate.ts';
import { readPins, verifyModelDir } from '../model/pins.ts';
import { EMBEDDING_CACHE_DIR, MODEL_ROOT } from '../paths.ts';
import { loadHnswlibInNode } from '../runtime/hnswlibNode.ts';

export const CATALOG_FILE = 'catalog.sqlite';
export const INDEX_FILE = 'catalog.hnsw';
export const NEIGHBOURS_FILE = 'neighbours.bin';
/** The build fails below this recall@10; `--ef-search auto` aims for TARGET_RECALL. */
export const MIN_RECALL = 0.98;
export const TARGET_RECALL = 0.99;
const RECALL_QUERIES = 1000;

export interface BuildOptions {
  source: ImportSource;
  outDir: string;
  limit?: number;
  hnsw: HnswParams;
  batchSize?: number;
  modelRoot?: string;
  cacheDir?: string;
  log?: (msg: string) => void;
}

/** source -> validated records -> vectors -> HNSW index -> catalog.sqlite + catalog.hnsw + manifest.json */
export async function buildCatalog(opts: BuildOptions): Promise<Manifest> {
  const log = opts.log ?? ((msg: string) => console.log(msg));
  const modelRoot = opts.modelRoot ?? MODEL_ROOT;
  const timings = {} as Manifest['timings'];
  const clock = (name: keyof Manifest['timings'], since: number) => (timings[name] = round((performance.now() - since) / 1000, 2));
  const t0 = performance.now();

  // Refuse a model that is not the pinned one before spending time on anything else.
  const modelFiles = await verifyModelDir(path.join(modelRoot, MODEL.id), await readPins());

  let t = performance.now();
  const { accepted, rejected, read } = await validateAll(limitItems(opts.source.items(), opts.limit));
  if (accepted.length < 2) throw new Error(`${opts.source.describe}: only ${accepted.length} usable records (${rejected.length} rejected); a catalog needs at least 2`);
  const entries: CatalogEntry[] = accepted.map((r, id) => ({ ...r, id }));
  clock('import', t);
  const byReason = countByReason(rejected);
  log(`import: ${read} read, ${entries.length} accepted, ${rejected.length} rejected${rejected.length ? ` (${Object.entries(byReason).map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}`);
  for (const r of rejected.slice(0, 5)) log(`  rejected ${r.where} ${r.title ? JSON.stringify(r.title) : ''}: ${r.reason}: ${r.detail}`);
  if (rejected.length > 5) log(`  ... and ${rejected.length - 5} more, listed in ${MANIFEST_FILE}`);

  t = performance.now();
  // Every model file and the truncation length shape the vectors, so all of them key the cache.
  const cacheKey = sha256(new TextEncoder().encode(JSON.stringify({ files: modelFiles, maxTokens: MODEL.maxTokens }))).slice(0, 16);
  const cache = new VectorCache(path.join(opts.cacheDir ?? EMBEDDING_CACHE_DIR, `${cacheKey}.bin`), MODEL.dims);
  const embedder = await loadEmbedder({ modelRoot, device: 'cpu' });
  const { vectors, stats } = await embedAll(entries.map(embeddingText), embedder, cache, opts.batchSize);
  cache.close();
  clock('embed', t);
  log(`embed: ${stats.embedded} embedded at ${stats.perSecond.toFixed(1)}/s, ${stats.total - stats.embedded} from cache`);

  t = performance.now();
  const { bytes: indexBytes, native } = await buildHnswIndex(vectors, MODEL.dims, opts.hnsw);
  clock('index', t);

  // Measure the file that ships, loaded by the WASM build the browser runs.
  t = performance.now();
  const ladder = opts.hnsw.efSearch === 'auto' ? EF_SEARCH_LADDER : [opts.hnsw.efSearch];
  const index = await loadHnswIndex(await loadHnswlibInNode(), indexBytes, { dims: MODEL.dims, count: entries.length, efSearch: ladder[0]!, name: 'build.hnsw' });
  const matrix = toMatrix(vectors, MODEL.dims);
  const truth = groundTruth(matrix, { queries: RECALL_QUERIES, k: 10, seed: opts.hnsw.seed });
  const { efSearch, recall, curve } = chooseEfSearch(index, matrix, truth, ladder, TARGET_RECALL);
  clock('recall', t);
  log(`index: recall@10 ${recall.toFixed(4)} at efSearch ${efSearch} over ${truth.queries.length} queries (M ${opts.hnsw.M}, efConstruction ${opts.hnsw.efConstruction}; ${curve.map((c) => `ef ${c.efSearch}: ${c.recall.toFixed(4)} in ${c.msPerQuery.toFixed(2)} ms`).join(', ')})`);
  if (recall < MIN_RECALL) {
    throw new Error(`recall@10 ${recall.toFixed(4)} is below ${MIN_RECALL}: raise --ef-search, --ef-construction or --m`);
  }

  t = performance.now();
  const perTitle = Math.min(NEIGHBOURS_PER_TITLE, entries.length - 1);
  const neighbourBytes = buildNeighbourLists(native, matrix, perTitle, NEIGHBOURS_EF_SEARCH);
  const neighboursRecall = listRecall(readNeighbourLists(neighbourBytes, entries.length, perTitle), matrix, truth);
  clock('neighbours', t);
  log(`neighbours: ${perTitle} per title, recall@10 ${neighboursRecall.toFixed(4)} (efSearch ${NEIGHBOURS_EF_SEARCH})`);

  t = performance.now();
  const dbBytes = await writeCatalogDb(entries, { source: opts.source.describe, model: MODEL.id });
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: sha256(dbBytes, indexBytes, neighbourBytes).slice(0, 16),
    builtAt: new Date().toISOString(),
    source: opts.source.describe,
    counts: {
      read,
      titles: entries.length,
      movies: entries.filter((e) => e.type === 'movie').length,
      shows: entries.filter((e) => e.type === 'show').length,
      rejected: rejected.length,
    },
    rejected: { byReason, samples: rejected.slice(0, 200) },
    model: {
      id: MODEL.id,
      dtype: MODEL.dtype,
      dims: MODEL.dims,
      maxTokens: MODEL.maxTokens,
      files: modelFiles,
      bytes: Object.fromEntries(MODEL.files.map((f) => [f, statSync(path.join(modelRoot, MODEL.id, f)).size])) as Manifest['model']['bytes'],
    },
    catalog: { file: CATALOG_FILE, bytes: dbBytes.length, sha256: sha256(dbBytes), schemaVersion: SCHEMA_VERSION },
    index: {
      file: INDEX_FILE,
      bytes: indexBytes.length,
      sha256: sha256(indexBytes),
      space: 'cosine',
      M: opts.hnsw.M,
      efConstruction: opts.hnsw.efConstruction,
      efSearch,
      seed: opts.hnsw.seed,
      recallAt10: round(recall, 4),
      recallQueries: truth.queries.length,
      recallByEfSearch: curve.map((c) => ({ efSearch: c.efSearch, recall: round(c.recall, 4), msPerQuery: round(c.msPerQuery, 3) })),
    },
    neighbours: {
      file: NEIGHBOURS_FILE,
      bytes: neighbourBytes.length,
      sha256: sha256(neighbourBytes),
      perTitle,
      efSearch: NEIGHBOURS_EF_SEARCH,
      recallAt10: round(neighboursRecall, 4),
    },
    embedding: { template: EMBEDDING_TEMPLATE, embedded: stats.embedded, cached: stats.total - stats.embedded, perSecond: round(stats.perSecond, 1) },
    timings,
  };
  await mkdir(opts.outDir, { recursive: true });
  // The manifest goes last: a reader that sees the new manifest also sees the files it names.
  await writeAtomic(path.join(opts.outDir, CATALOG_FILE), dbBytes);
  await writeAtomic(path.join(opts.outDir, INDEX_FILE), indexBytes);
  await writeAtomic(path.join(opts.outDir, NEIGHBOURS_FILE), neighbourBytes);
  clock('write', t);
  clock('total', t0);
  await writeAtomic(path.join(opts.outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function* limitItems(items: AsyncIterable<ImportItem>, limit: number | undefined): AsyncGenerator<ImportItem> {
  let n = 0;
  for await (const item of items) {
    if (limit !== undefined && n++ >= limit) return;
    yield item;
  }
}

async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await writeFile(`${file}.tmp`, data);
  await rename(`${file}.tmp`, file);
}

function sha256(...parts: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
