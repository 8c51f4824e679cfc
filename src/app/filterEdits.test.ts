import { describe, expect, it } from 'vitest';
import { cycleGenre, genreState, withoutEmpty } from './filterEdits.ts';

describe('filter edits', () => {
  it('cycles a genre from any to included to excluded and back, leaving the others', () => {
    const start = { genres: ['drama'], yearMin: 2000 };
    const included = cycleGenre(start, 'crime');
    expect(included).toEqual({ genres: ['drama', 'crime'], yearMin: 2000 });
    const excluded = cycleGenre(included, 'crime');
    expect(excluded).toEqual({ genres: ['drama'], excludeGenres: ['crime'], yearMin: 2000 });
    expect(genreState(excluded, 'crime')).toBe('excluded');
    expect(cycleGenre(excluded, 'crime')).toEqual(start);
  });

  it('drops empty values', () => {
    expect(withoutEmpty({ genres: [], excludeGenres: undefined, minVotes: 0, language: 'fr' })).toEqual({ minVotes: 0, language: 'fr' });
  });
});
