import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, type Manifest } from '../../src/catalog/manifest.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { titleKey } from '../../src/catalog/titleKey.ts';
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
import { embeddingText } from '../embedding/template.ts';
import { VectorCache } from '../embedding/vectorCache.ts';
import type { ImportSource } from '../importers/types.ts';
import { readPins, verifyModelDir } from '../model/pins.ts';
import { EMBEDDING_CACHE_DIR, MODEL_ROOT } from '../paths.ts';
import { loadHnswlibInNode } from '../runtime/hnswlibNode.ts';
import { assembleManifest, CATALOG_FILE, INDEX_FILE, NEIGHBOURS_FILE, round, sha256 } from './assembleManifest.ts';
import { importRecords } from './importStep.ts';

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
  const { accepted, rejected, read } = await importRecords(opts.source, opts.limit, log);
  const entries: CatalogEntry[] = accepted.map((r, id) => ({ ...r, id, key: titleKey(r) }));
  clock('import', t);

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
  const manifest = assembleManifest({
    source: opts.source.describe,
    read,
    entries,
    rejected,
    modelRoot,
    modelFiles,
    bytes: { catalog: dbBytes, index: indexBytes, neighbours: neighbourBytes },
    hnsw: opts.hnsw,
    index: { efSearch, recall, curve, recallQueries: truth.queries.length },
    neighbours: { perTitle, recall: neighboursRecall },
    embedding: stats,
    timings,
  });
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

async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await writeFile(`${file}.tmp`, data);
  await rename(`${file}.tmp`, file);
}
