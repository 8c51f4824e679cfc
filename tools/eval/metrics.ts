/**
 * The quality benchmark's scores (`npm run eval`), as plain functions of ranked results so
 * that a hand-made case can check them. Labels come from outside the product (TMDB
 * collections); nothing here ranks anything.
 */

/** One "more like this" query: the query's genres, its series mates in the catalog, and its top results. */
export interface SimilarCase {
  genres: string[];
  mates: ReadonlySet<string>;
  results: { key: string; genres: string[] }[];
}

export interface SimilarScores {
  queries: number;
  /** Mean over queries of the mates in the top `k` over min(mates, k). */
  franchiseRecallAt10: number;
  /** Mean over queries of the mean Jaccard of the query's and each result's genre sets. */
  genreJaccardAt10: number;
}

export const K = 10;

export function scoreSimilar(cases: SimilarCase[]): SimilarScores {
  const scored = cases.filter((c) => c.mates.size > 0);
  return {
    queries: scored.length,
    franchiseRecallAt10: round(mean(scored.map((c) => c.results.slice(0, K).filter((r) => c.mates.has(r.key)).length / Math.min(c.mates.size, K)))),
    genreJaccardAt10: round(mean(scored.map((c) => mean(c.results.slice(0, K).map((r) => jaccard(c.genres, r.genres)))))),
  };
}

/** One described film: where its title came in the results (1 is first), or null when not in them. */
export interface TextCase {
  rank: number | null;
}

export interface TextScores {
  queries: number;
  recallAt1: number;
  recallAt10: number;
  /** Mean reciprocal rank, a title below 10th counting 0. */
  mrrAt10: number;
}

export function scoreText(cases: TextCase[]): TextScores {
  const within = (n: number) => (c: TextCase) => c.rank !== null && c.rank <= n;
  return {
    queries: cases.length,
    recallAt1: round(mean(cases.map((c) => (within(1)(c) ? 1 : 0)))),
    recallAt10: round(mean(cases.map((c) => (within(K)(c) ? 1 : 0)))),
    mrrAt10: round(mean(cases.map((c) => (within(K)(c) ? 1 / c.rank! : 0)))),
  };
}

/** |a ∩ b| / |a ∪ b|; two titles without genres share none (0), not everything. */
export function jaccard(a: string[], b: string[]): number {
  const union = new Set([...a, ...b]);
  if (union.size === 0) return 0;
  const inB = new Set(b);
  return new Set(a.filter((g) => inB.has(g))).size / union.size;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const round = (x: number) => Math.round(x * 10_000) / 10_000;
