import type { HierarchicalNSW } from 'hnswlib-wasm';
import type { VectorSearch } from '../ranking/similar.ts';
import { exactTopK, type VectorMatrix } from './exact.ts';
import type { NeighbourLists } from './neighbourLists.ts';

/**
 * The catalog's vectors for the ranking module: approximate search in the hnswlib-wasm
 * graph (cosine: similarity = 1 - distance), exact scans over the same vectors held as one
 * matrix, and the precomputed neighbour lists when the build made them.
 */
export function hnswSearch(index: HierarchicalNSW, matrix: VectorMatrix, lists?: NeighbourLists): VectorSearch {
  const { count, dims, data } = matrix;
  if (index.getCurrentCount() !== count) throw new Error(`vector index holds ${index.getCurrentCount()} vectors, the matrix ${count}`);
  return {
    count,
    vector: (id) => data.subarray(id * dims, (id + 1) * dims),
    search(query, k) {
      const { neighbors, distances } = index.searchKnn(query, Math.min(k, count), undefined);
      return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
    },
    scan: (query, ids, k) => exactTopK(matrix, query, k, { candidates: ids ?? undefined }),
    nearestOf: lists && ((id) => lists.of(id)),
  };
}
