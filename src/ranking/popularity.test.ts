import { describe, expect, it } from 'vitest';
import { boostedScore, popularity } from './popularity.ts';

describe('popularity', () => {
  it('is 0 without votes, 1 from a million on, and grows by the same step for each tenfold', () => {
    expect(popularity(0)).toBe(0);
    // Votes not known sit in the middle, as a thousand votes do.
    expect(popularity(null)).toBe(0.5);
    expect(popularity(999_999)).toBe(1);
    expect(popularity(50_000_000)).toBe(1);
    expect(popularity(999)).toBeCloseTo(0.5, 10);
    const steps = [9, 99, 999, 9_999, 99_999].map((v) => popularity(v * 10 + 9) - popularity(v));
    for (const step of steps) expect(step).toBeCloseTo(1 / 6, 10);
  });

  it('leaves similarity alone without a boost, is popularity alone at full boost, and moves linearly between', () => {
    expect(boostedScore(0.83, 12_000, 0)).toBe(0.83);
    expect(boostedScore(0.83, 12_000, 1)).toBe(popularity(12_000));
    expect(boostedScore(0.83, 12_000, 0.5)).toBeCloseTo((0.83 + popularity(12_000)) / 2, 12);
    // A popular title overtakes a more similar obscure one only once popularity counts enough.
    expect(boostedScore(0.9, 10, 0.1)).toBeGreaterThan(boostedScore(0.75, 500_000, 0.1));
    expect(boostedScore(0.9, 10, 0.3)).toBeLessThan(boostedScore(0.75, 500_000, 0.3));
  });
});
