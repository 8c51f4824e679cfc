import path from 'node:path';
import type { Manifest } from '../../src/catalog/manifest.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { titleKey } from '../../src/catalog/titleKey.ts';
import { MODEL } from '../../src/embedding/model.ts';
import type { HnswParams } from '../artifacts/hnswBuild.ts';
import { buildVectorArtifacts, type VectorArtifactOptions } from '../artifacts/vectorArtifacts.ts';
import { embedAll } from '../embedding/embedAll.ts';
import { loadBuildEmbedder, type BuildDevice } from '../embedding/buildEmbedder.ts';
import { embeddingText } from '../embedding/template.ts';
import { embeddingCacheFile, VectorCache } from '../embedding/vectorCache.ts';
import type { ImportSource } from '../importers/types.ts';
import { readPins, verifyModelDir } from '../model/pins.ts';
import { MODEL_ROOT } from '../paths.ts';
import { round } from './assembleManifest.ts';
import { importRecords } from './importStep.ts';
import { writeCatalog } from './writeCatalog.ts';

export { MIN_RECALL, TARGET_RECALL } from '../artifacts/vectorArtifacts.ts';

export interface BuildOptions {
  source: ImportSource;
  outDir: string;
  limit?: number;
  hnsw: HnswParams;
  shortlist?: VectorArtifactOptions['shortlist'];
  batchSize?: number;
  /** Where MiniLM runs (default the CPU). */
  device?: BuildDevice;
  modelRoot?: string;
  cacheDir?: string;
  log?: (msg: string) => void;
}

/** source -> validated records -> vectors -> int8 vectors + neighbour lists (via HNSW) -> catalog.sqlite + vectors.i8 + neighbours.bin (+ .br, .gz) + manifest.json */
export async function buildCatalog(opts: BuildOptions): Promise<Manifest> {
  const log = opts.log ?? ((msg: string) => console.log(msg));
  const modelRoot = opts.modelRoot ?? MODEL_ROOT;
  const timings = {} as Manifest['timings'];
  const clock = (name: keyof Manifest['timings'], since: number) => (timings[name] = round((performance.now() - since) / 1000, 2));
  const t0 = performance.now();

  // Refuse a model that is not the pinned one before spending time on anything else.
  const pins = await readPins();
  const modelFiles = await verifyModelDir(path.join(modelRoot, MODEL.id), pins);

  let t = performance.now();
  const { accepted, rejected, read } = await importRecords(opts.source, opts.limit, log);
  const entries: CatalogEntry[] = accepted.map((r, id) => ({ ...r, id, key: titleKey(r) }));
  clock('import', t);

  t = performance.now();
  const cache = new VectorCache(embeddingCacheFile(pins, opts.cacheDir), MODEL.dims);
  const embedder = await loadBuildEmbedder(modelRoot, opts.device ?? 'cpu');
  const { vectors, stats } = await embedAll(entries.map(embeddingText), embedder, cache, opts.batchSize).finally(() => embedder.close());
  cache.close();
  clock('embed', t);
  log(`embed: ${stats.embedded} embedded at ${stats.perSecond.toFixed(1)}/s, ${stats.total - stats.embedded} from cache`);

  const built = await buildVectorArtifacts(vectors, MODEL.dims, { hnsw: opts.hnsw, shortlist: opts.shortlist, entries, log });
  Object.assign(timings, built.seconds);
  return writeCatalog(
    opts.outDir,
    { source: opts.source.describe, read, entries, rejected, modelRoot, modelFiles, hnsw: opts.hnsw, vectors: built, embedding: stats, timings },
    t0,
  );
}
