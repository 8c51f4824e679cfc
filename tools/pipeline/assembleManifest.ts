import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FORMAT, type Manifest } from '../../src/catalog/manifest.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { SCHEMA_VERSION } from '../../src/catalog/schema.ts';
import { MODEL } from '../../src/embedding/model.ts';
import type { RelatednessWeights } from '../../src/ranking/relatedness.ts';
import type { HnswParams } from '../artifacts/hnswBuild.ts';
import { NEIGHBOURS_EF_SEARCH } from '../artifacts/neighbourLists.ts';
import type { ShortlistChoice } from '../artifacts/recall.ts';
import type { EmbedStats } from '../embedding/embedAll.ts';
import { EMBEDDING_TEMPLATE } from '../embedding/template.ts';
import type { Rejection } from '../importers/types.ts';
import { countByReason } from '../importers/validate.ts';

export const CATALOG_FILE = 'catalog.sqlite';
export const TEXTS_FILE = 'texts.bin';
export const INDEX_FILE = 'vectors.i8';
export const NEIGHBOURS_FILE = 'neighbours.bin';
/** Rejections listed in the manifest; the counts cover all of them. */
const REJECTION_SAMPLES = 200;

/** What a build produced and measured, as `assembleManifest` needs it. */
export interface BuildRecord {
  source: string;
  read: number;
  entries: CatalogEntry[];
  rejected: Rejection[];
  modelRoot: string;
  modelFiles: Manifest['model']['files'];
  bytes: { catalog: Uint8Array; texts: Uint8Array; index: Uint8Array; neighbours: Uint8Array };
  hnsw: HnswParams;
  /** The shortlist chosen for the app, with the recall measured over `recallQueries` queries. */
  index: ShortlistChoice & { recallQueries: number };
  /** Sizes of each data file's precompressed copies. */
  compressed: Manifest['compressed'];
  neighbours: { perTitle: number; recall: number; weights: RelatednessWeights };
  embedding: EmbedStats;
  /** Filled in by the caller until the manifest is written: it is kept by reference. */
  timings: Manifest['timings'];
}

/** The manifest describing a build: its files with their hashes, counts, rejections, model and measurements. */
export function assembleManifest(b: BuildRecord): Manifest {
  const { catalog, texts, index, neighbours } = b.bytes;
  return {
    format: MANIFEST_FORMAT,
    version: sha256(catalog, texts, index, neighbours).slice(0, 16),
    builtAt: new Date().toISOString(),
    source: b.source,
    counts: {
      read: b.read,
      titles: b.entries.length,
      movies: b.entries.filter((e) => e.type === 'movie').length,
      shows: b.entries.filter((e) => e.type === 'show').length,
      rejected: b.rejected.length,
    },
    rejected: { byReason: countByReason(b.rejected), samples: b.rejected.slice(0, REJECTION_SAMPLES) },
    model: {
      id: MODEL.id,
      dtype: MODEL.dtype,
      dims: MODEL.dims,
      maxTokens: MODEL.maxTokens,
      files: b.modelFiles,
      bytes: Object.fromEntries(MODEL.files.map((f) => [f, statSync(path.join(b.modelRoot, MODEL.id, f)).size])) as Manifest['model']['bytes'],
    },
    catalog: { file: CATALOG_FILE, bytes: catalog.length, sha256: sha256(catalog), schemaVersion: SCHEMA_VERSION },
    texts: { file: TEXTS_FILE, bytes: texts.length, sha256: sha256(texts) },
    index: {
      file: INDEX_FILE,
      bytes: index.length,
      sha256: sha256(index),
      encoding: 'int8',
      shortlist: b.index.shortlist,
      recallAt10: round(b.index.recall, 4),
      recallQueries: b.index.recallQueries,
      recallByShortlist: b.index.curve.map((c) => ({ shortlist: c.shortlist, recall: round(c.recall, 4), msPerQuery: round(c.msPerQuery, 3) })),
    },
    neighbours: {
      file: NEIGHBOURS_FILE,
      bytes: neighbours.length,
      sha256: sha256(neighbours),
      perTitle: b.neighbours.perTitle,
      recallAt10: round(b.neighbours.recall, 4),
      relatedness: b.neighbours.weights,
      graph: { M: b.hnsw.M, efConstruction: b.hnsw.efConstruction, efSearch: NEIGHBOURS_EF_SEARCH, seed: b.hnsw.seed },
    },
    compressed: b.compressed,
    embedding: { template: EMBEDDING_TEMPLATE, embedded: b.embedding.embedded, cached: b.embedding.total - b.embedding.embedded, perSecond: round(b.embedding.perSecond, 1) },
    timings: b.timings,
  };
}

export function sha256(...parts: Uint8Array[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
