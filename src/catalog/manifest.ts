import type { ModelFile } from '../embedding/model.ts';

/** `manifest.json`: what the app fetches first, and the record of how the artifacts were built. */
export interface Manifest {
  /** Changes whenever the catalog or the index bytes change; caches key on it. */
  version: string;
  builtAt: string;
  source: string;
  counts: { read: number; titles: number; movies: number; shows: number; rejected: number };
  rejected: { byReason: Record<string, number>; samples: { reason: string; where: string; title: string | null; detail: string }[] };
  model: { id: string; dtype: string; dims: number; maxTokens: number; files: Record<ModelFile, string> };
  catalog: { file: string; bytes: number; sha256: string; schemaVersion: number };
  index: {
    file: string;
    bytes: number;
    sha256: string;
    space: 'cosine';
    M: number;
    efConstruction: number;
    efSearch: number;
    seed: number;
    recallAt10: number;
    recallQueries: number;
    /** Measured at build time in hnswlib-wasm under Node, per efSearch tried. */
    recallByEfSearch: { efSearch: number; recall: number; msPerQuery: number }[];
  };
  embedding: { template: string; embedded: number; cached: number; perSecond: number };
  timings: Record<'import' | 'embed' | 'index' | 'recall' | 'write' | 'total', number>;
}

export const MANIFEST_FILE = 'manifest.json';
