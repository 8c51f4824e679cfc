import type { HierarchicalNSW } from 'hnswlib-wasm';
import { exactTopK, type VectorMatrix } from '../../src/vectors/exact.ts';
import type { NeighbourLists } from '../../src/vectors/neighbourLists.ts';

/** Exact answers for a sample of `similar` queries: catalog titles, each excluding itself. */
export interface GroundTruth {
  k: number;
  queries: number[];
  /** Per query, the similarity of its exact k-th best neighbour. */
  kthScore: number[];
}

export function groundTruth(m: VectorMatrix, opts: { queries: number; k: number; seed: number }): GroundTruth {
  const k = Math.min(opts.k, m.count - 1);
  const queries = sample(m.count, Math.min(opts.queries, m.count), opts.seed);
  const kthScore = queries.map((id) => exactTopK(m, row(m, id), k, { exclude: id })[k - 1]!.score);
  return { k, queries, kthScore };
}

/**
 * recall@k of the index at its current efSearch. A result counts as found when its
 * similarity reaches the exact k-th best, so exact ties (identical texts) are not misses.
 */
export function measureRecall(index: HierarchicalNSW, m: VectorMatrix, truth: GroundTruth): number {
  let found = 0;
  truth.queries.forEach((id, q) => {
    const approx = index.searchKnn(row(m, id), truth.k + 1, undefined);
    let hits = 0;
    for (let i = 0; i < approx.neighbors.length && hits < truth.k; i++) {
      if (approx.neighbors[i] !== id && 1 - approx.distances[i]! >= truth.kthScore[q]! - 1e-5) hits++;
    }
    found += hits;
  });
  return truth.queries.length ? found / (truth.queries.length * truth.k) : 1;
}

/** recall@k of precomputed neighbour lists, counted as `measureRecall` counts. */
export function listRecall(lists: NeighbourLists, m: VectorMatrix, truth: GroundTruth): number {
  let found = 0;
  truth.queries.forEach((id, q) => {
    const first = Array.from(lists.of(id)).slice(0, truth.k);
    found += exactTopK(m, row(m, id), truth.k, { candidates: first }).filter((n) => n.score >= truth.kthScore[q]! - 1e-5).length;
  });
  return truth.queries.length ? found / (truth.queries.length * truth.k) : 1;
}

export interface EfChoice {
  efSearch: number;
  recall: number;
  /** Every efSearch tried, with its recall and mean milliseconds per query (hnswlib-wasm, this machine). */
  curve: { efSearch: number; recall: number; msPerQuery: number }[];
}

/** The smallest efSearch of `ladder` whose recall reaches `target` (or the largest tried). */
export function chooseEfSearch(index: HierarchicalNSW, m: VectorMatrix, truth: GroundTruth, ladder: number[], target: number): EfChoice {
  const curve: EfChoice['curve'] = [];
  for (const efSearch of ladder) {
    index.setEfSearch(efSearch);
    const start = performance.now();
    const recall = measureRecall(index, m, truth);
    curve.push({ efSearch, recall, msPerQuery: (performance.now() - start) / Math.max(truth.queries.length, 1) });
    if (curve.at(-1)!.recall >= target) break;
  }
  const last = curve.at(-1)!;
  index.setEfSearch(last.efSearch);
  return { ...last, curve };
}

function row(m: VectorMatrix, id: number): Float32Array {
  return m.data.subarray(id * m.dims, (id + 1) * m.dims);
}

/** `n` distinct ids from [0, count), reproducible for a seed. */
function sample(count: number, n: number, seed: number): number[] {
  let s = seed >>> 0 || 1;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(next() * count));
  return [...picked];
}
