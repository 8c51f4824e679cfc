import hnswlibNode from 'hnswlib-node';
import { progressBar } from '../cli/progress.ts';

/** The build-time graph that finds every title's neighbours (tools/artifacts/neighbourLists.ts). */
export interface HnswParams {
  M: number;
  efConstruction: number;
  seed: number;
}

export const DEFAULT_HNSW: HnswParams = { M: 32, efConstruction: 200, seed: 100 };

/**
 * Builds the cosine HNSW graph with native hnswlib. It serves only the build: the lists it
 * finds ship, the graph does not (the app searches int8 vectors, src/vectors/compactSearch.ts).
 * Label i is vectors[i].
 */
export function buildHnswGraph(vectors: Float32Array[], dims: number, params: HnswParams): hnswlibNode.HierarchicalNSW {
  const index = new hnswlibNode.HierarchicalNSW('cosine', dims);
  index.initIndex(Math.max(vectors.length, 1), params.M, params.efConstruction, params.seed);
  const bar = progressBar('indexing', vectors.length);
  vectors.forEach((v, label) => {
    index.addPoint(Array.from(v), label);
    if (label % 500 === 0) bar.update(label);
  });
  bar.done(vectors.length);
  return index;
}
