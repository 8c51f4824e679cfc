/**
 * Votes on a 0-1 scale, logarithmic so that each tenfold counts the same: no votes is 0,
 * a thousand is one half, a million or more is 1. Votes not known (a film the demo knows
 * from Wikipedia only) count as the middle: not knowing is not being unknown.
 */
export function popularity(votes: number | null): number {
  if (votes === null) return 0.5;
  return Math.min(1, Math.log10(1 + votes) / 6);
}

/** The final score when popularity counts by `boost` (0 to 1) against similarity. */
export function boostedScore(similarity: number, votes: number | null, boost: number): number {
  return boost ? (1 - boost) * similarity + boost * popularity(votes) : similarity;
}
