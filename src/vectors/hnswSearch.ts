import type { HierarchicalNSW } from 'hnswlib-wasm';
import type { VectorSearch } from '../ranking/similar.ts';
import { dot } from './math.ts';
import type { Neighbour } from './exact.ts';

/** An hnswlib-wasm index as the ranking module's `VectorSearch` (cosine: similarity = 1 - distance). */
export function hnswSearch(index: HierarchicalNSW): VectorSearch {
  const count = index.getCurrentCount();
  const vector = (id: number) => Float32Array.from(index.getPoint(id));
  return {
    count,
    vector,
    search(query, k) {
      const { neighbors, distances } = index.searchKnn(query, Math.min(k, count), undefined);
      return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
    },
    scan(query, ids, k) {
      const scored: Neighbour[] = ids.map((id) => ({ id, score: dot(vector(id), query) }));
      return scored.sort((a, b) => b.score - a.score).slice(0, k);
    },
  };
}
