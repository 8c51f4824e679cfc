import type { InstalledFile, ModelFile } from '../embedding/model.ts';
import type { RelatednessWeights } from '../ranking/relatedness.ts';

/** `manifest.json`: what the app fetches first, and the record of how the artifacts were built. */
export interface Manifest {
  /** MANIFEST_FORMAT of the build that wrote it: readers refuse others. */
  format: number;
  /** Changes whenever the catalog or the index bytes change; caches key on it. */
  version: string;
  builtAt: string;
  source: string;
  /** Set on the scale catalog (tools/scaleCatalog.ts): derived titles for the benchmark, never shipped. */
  synthetic?: { from: string; seed: number };
  counts: { read: number; titles: number; movies: number; shows: number; rejected: number };
  rejected: { byReason: Record<string, number>; samples: { reason: string; where: string; title: string | null; detail: string }[] };
  model: {
    id: string;
    dtype: string;
    dims: number;
    maxTokens: number;
    /** SHA-256 of each model file, and of the published weights the build embedded with. */
    files: Record<InstalledFile, string>;
    /** Size of each model file, for download progress and the integrity check. */
    bytes: Record<ModelFile, number>;
  };
  catalog: { file: string; bytes: number; sha256: string; schemaVersion: number };
  /** Overviews and taglines, word-coded (src/catalog/titleTexts.ts): loaded with the catalog. */
  texts: { file: string; bytes: number; sha256: string };
  /** The vectors the app searches: int8 (src/vectors/compactVectors.ts). */
  index: {
    file: string;
    bytes: number;
    sha256: string;
    encoding: 'int8';
    /** Titles the sign-bit pass hands to int8 rescoring (src/vectors/compactSearch.ts). */
    shortlist: number;
    /** recall@10 of the app's search over this file against exact float32, measured at build time. */
    recallAt10: number;
    recallQueries: number;
    recallByShortlist: { shortlist: number; recall: number; msPerQuery: number }[];
  };
  /**
   * Every title's most related titles with their scores (src/vectors/neighbourLists.ts), by
   * the relatedness formula with these weights (src/ranking/relatedness.ts). `recallAt10` is
   * that of the search in an HNSW graph built for the purpose (not shipped) that proposes
   * candidates by meaning.
   */
  neighbours: { file: string; bytes: number; sha256: string; perTitle: number; recallAt10: number; relatedness: RelatednessWeights; graph: { M: number; efConstruction: number; efSearch: number; seed: number } };
  /** Each data file's precompressed copies (`<file>.br`, `<file>.gz`), by their size: what a host that serves them sends. */
  compressed: Record<string, { br: number; gz: number }>;
  embedding: { template: string; embedded: number; cached: number; perSecond: number };
  timings: Record<'import' | 'embed' | 'index' | 'recall' | 'neighbours' | 'write' | 'total', number>;
}

export const MANIFEST_FILE = 'manifest.json';
/** Raised whenever the manifest or the files it names change shape (2: neighbour lists, model sizes, no FTS; 3: stable title keys; 4: int8 vectors instead of an hnswlib index; 5: texts apart from the database; 6: neighbour lists ranked by relatedness, with scores; 7: their titles of the same series marked; 8: a text credit column in the database, schema 6; 9: schema 7, without the tables and indexes nothing read). */
export const MANIFEST_FORMAT = 9;

/**
 * A manifest read from its JSON text, refused with a reason a person can act on: a host
 * answers a missing file with its HTML page, a cut-off download is not JSON, and an older
 * or newer build writes another format.
 */
export function parseManifest(text: string): Manifest {
  if (/^\s*</.test(text)) throw new Error(`${MANIFEST_FILE} is a web page, not a catalog manifest: the site has no catalog (build one with \`npm run catalog\`)`);
  let manifest: Partial<Manifest> | null;
  try {
    manifest = JSON.parse(text) as Partial<Manifest> | null;
  } catch {
    throw new Error(`${MANIFEST_FILE} is not valid JSON (${text.length} bytes; cut off in transfer?)`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error(`${MANIFEST_FILE} does not describe a catalog`);
  if (manifest.format !== MANIFEST_FORMAT) {
    throw new Error(`the catalog was built in manifest format ${manifest.format ?? 1}, this version reads format ${MANIFEST_FORMAT}: rebuild it with \`npm run catalog\``);
  }
  const missing = (['version', 'counts', 'model', 'catalog', 'texts', 'index', 'neighbours'] as const).filter((k) => typeof manifest[k] !== (k === 'version' ? 'string' : 'object') || manifest[k] === null);
  if (missing.length) throw new Error(`${MANIFEST_FILE} lacks ${missing.join(', ')}: rebuild it with \`npm run catalog\``);
  return manifest as Manifest;
}
