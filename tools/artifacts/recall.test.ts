import { describe, expect, it } from 'vitest';
import { toMatrix } from '../../src/vectors/exact.ts';
import { buildHnswGraph } from './hnswBuild.ts';
import type { VectorSearch } from '../../src/ranking/similar.ts';
import { graphRecall, groundTruth, searchRecall } from './recall.ts';

// Five titles. For a, b and c are tied best (0.96); for b, a is best; d and e are unrelated
// to everything, so for them every other title ties at 0.
const VECTORS = [
  [1, 0, 0, 0],
  [0.96, 0.28, 0, 0],
  [0.96, -0.28, 0, 0],
  [0, 0, 1, 0],
  [0, 0, 0, 1],
].map((v) => Float32Array.from(v));
const MATRIX = toMatrix(VECTORS, 4);
const dot = (a: number, b: number) => VECTORS[a]!.reduce((sum, x, i) => sum + x * VECTORS[b]![i]!, 0);

/** What the approximate search "found" for each title, best first. */
const ANSWERS = [
  [0, 2], // itself (not counted), then c: tied with the exact best b, so a hit
  [1, 3], // itself (not counted), then d: a miss
  [0, 1], // a, the best: a hit
  [3, 4], // itself, then e: a tie at 0, a hit
  [3, 0], // d: a tie at 0, a hit
];

/** A search that answers ANSWERS, with the similarities of those titles. */
function scriptedSearch(): VectorSearch {
  const idOf = (q: Float32Array) => VECTORS.findIndex((v) => v.every((x, i) => x === q[i]));
  return {
    count: VECTORS.length,
    search(q: Float32Array) {
      const id = idOf(q);
      return ANSWERS[id]!.map((n) => ({ id: n, score: dot(id, n) }));
    },
    scan: () => [],
    vector: (id) => VECTORS[id]!,
  };
}

describe('recall@k', () => {
  const truth = groundTruth(MATRIX, { queries: 5, k: 1, seed: 1 });

  it('takes the exact k-th best of every title, itself left out', () => {
    expect([...truth.queries].sort()).toEqual([0, 1, 2, 3, 4]);
    const kth = Object.fromEntries(truth.queries.map((id, q) => [id, truth.kthScore[q]]));
    expect(kth[0]).toBeCloseTo(0.96, 5);
    expect(kth[1]).toBeCloseTo(0.96, 5);
    expect(kth[3]).toBe(0);
  });

  it('counts found neighbours over all asked, ties with the k-th best as found and the query itself as nothing', () => {
    expect(searchRecall(scriptedSearch(), MATRIX, truth)).toBe(4 / 5);
  });

  it('counts the graph search the lists take their candidates from the same way', () => {
    // Five titles: the graph finds every exact answer.
    const graph = buildHnswGraph(VECTORS, 4, { M: 4, efConstruction: 20, seed: 1 });
    expect(graphRecall(graph, MATRIX, truth, 10)).toBe(1);
  });
});
