import type { HierarchicalNSW } from 'hnswlib-wasm';
import { exactTopK, type VectorMatrix } from '../../src/vectors/exact.ts';

export interface RecallResult {
  recall: number;
  queries: number;
  k: number;
}

/**
 * recall@k of the HNSW index against exact search, asked the way `similar` asks: a
 * catalog vector as the query, the title itself excluded. A result counts as found when
 * its similarity reaches the exact k-th best, so exact ties (identical texts) are not misses.
 */
export function measureRecall(index: HierarchicalNSW, m: VectorMatrix, opts: { queries: number; k: number; seed: number }): RecallResult {
  const k = Math.min(opts.k, m.count - 1);
  const ids = sample(m.count, Math.min(opts.queries, m.count), opts.seed);
  let found = 0;
  for (const id of ids) {
    const query = m.data.subarray(id * m.dims, (id + 1) * m.dims);
    const exact = exactTopK(m, query, k, { exclude: id });
    const kth = exact[k - 1]!.score;
    const approx = index.searchKnn(query, k + 1, undefined);
    let hits = 0;
    for (let i = 0; i < approx.neighbors.length && hits < k; i++) {
      if (approx.neighbors[i] !== id && 1 - approx.distances[i]! >= kth - 1e-5) hits++;
    }
    found += hits;
  }
  return { recall: ids.length ? found / (ids.length * k) : 1, queries: ids.length, k };
}

/** `n` distinct ids from [0, count), reproducible for a seed. */
function sample(count: number, n: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(next() * count));
  return [...picked];
}
