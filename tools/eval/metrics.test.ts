import { describe, expect, it } from 'vitest';
import { jaccard, scoreSimilar, scoreText } from './metrics.ts';

const r = (key: string, genres: string[] = ['drama']) => ({ key, genres });

describe('quality metrics', () => {
  it('franchise recall counts mates in the top 10 against what could fit there', () => {
    const scores = scoreSimilar([
      // 2 mates, both found: 1.
      { genres: ['drama'], mates: new Set(['a', 'b']), results: [r('a'), r('x'), r('b')] },
      // 12 mates, 5 in the top 10 (one more at 11th does not count): 5 / 10.
      { genres: ['drama'], mates: new Set('abcdefghijkl'.split('')), results: [...'abcde'.split('').map((k) => r(k)), ...'vwxyz'.split('').map((k) => r(k)), r('f')] },
      // No mates in the catalog: not a query.
      { genres: ['drama'], mates: new Set(), results: [r('a')] },
    ]);
    expect(scores).toEqual({ queries: 2, franchiseRecallAt10: 0.75, genreJaccardAt10: 1 });
  });

  it('genre Jaccard is the mean over results, then over queries', () => {
    expect(jaccard(['action', 'comedy'], ['comedy'])).toBe(0.5);
    expect(jaccard([], [])).toBe(0);
    const scores = scoreSimilar([{ genres: ['action', 'comedy'], mates: new Set(['z']), results: [r('a', ['comedy']), r('b', ['action', 'comedy']), r('c', ['horror'])] }]);
    expect(scores.genreJaccardAt10).toBe(0.5); // (0.5 + 1 + 0) / 3
  });

  it('free text: recall at 1 and 10, and reciprocal rank within the top 10', () => {
    expect(scoreText([{ rank: 1 }, { rank: 4 }, { rank: 11 }, { rank: null }])).toEqual({ queries: 4, recallAt1: 0.25, recallAt10: 0.5, mrrAt10: 0.3125 });
  });
});
