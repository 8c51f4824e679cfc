import type { HierarchicalNSW } from 'hnswlib-node';
import type { VectorSearch } from '../../src/ranking/similar.ts';
import { compactSearch } from '../../src/vectors/compactSearch.ts';
import type { CompactVectors } from '../../src/vectors/compactVectors.ts';
import { exactTopK, type VectorMatrix } from '../../src/vectors/exact.ts';

/** Exact float32 answers for a sample of `similar` queries: catalog titles, each excluding itself. */
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
 * recall@k of `search` queried with each sample title's float32 vector (as free text queries
 * with a float32 embedding). A result counts as found when its exact float32 similarity
 * reaches the exact k-th best, so exact ties (identical texts) are not misses.
 */
export function searchRecall(search: VectorSearch, m: VectorMatrix, truth: GroundTruth): number {
  return recallOf(m, truth, (id) => search.search(row(m, id), truth.k + 1).map((n) => n.id));
}

/** recall@k of the HNSW graph searched at `efSearch`, counted as `searchRecall` counts. */
export function graphRecall(graph: HierarchicalNSW, m: VectorMatrix, truth: GroundTruth, efSearch: number): number {
  graph.setEf(Math.max(efSearch, truth.k + 1));
  return recallOf(m, truth, (id) => graph.searchKnn(Array.from(row(m, id)), Math.min(truth.k + 1, m.count)).neighbors);
}

function recallOf(m: VectorMatrix, truth: GroundTruth, answer: (id: number) => number[]): number {
  let found = 0;
  truth.queries.forEach((id, q) => {
    const first = answer(id).filter((n) => n !== id).slice(0, truth.k);
    found += exactTopK(m, row(m, id), truth.k, { candidates: first }).filter((n) => n.score >= truth.kthScore[q]! - 1e-5).length;
  });
  return truth.queries.length ? found / (truth.queries.length * truth.k) : 1;
}

export interface ShortlistChoice {
  shortlist: number;
  recall: number;
  /** Every shortlist tried, with its recall and mean milliseconds per query (this machine). */
  curve: { shortlist: number; recall: number; msPerQuery: number }[];
}

/** The smallest shortlist of `ladder` whose recall over the shipped int8 vectors reaches `target` (or the largest tried). */
export function chooseShortlist(v: CompactVectors, m: VectorMatrix, truth: GroundTruth, ladder: number[], target: number): ShortlistChoice {
  const curve: ShortlistChoice['curve'] = [];
  for (const shortlist of ladder) {
    const start = performance.now();
    const recall = searchRecall(compactSearch(v, { shortlist }), m, truth);
    curve.push({ shortlist, recall, msPerQuery: (performance.now() - start) / Math.max(truth.queries.length, 1) });
    if (recall >= target) break;
  }
  return { ...curve.at(-1)!, curve };
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
