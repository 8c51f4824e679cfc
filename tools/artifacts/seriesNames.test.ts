import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { seriesNames } from './seriesNames.ts';

const entry = (id: number, title: string, overview: string): CatalogEntry => ({
  id, key: `k${id}`, type: 'movie', title, originalTitle: null, year: null, released: null, runtime: null, overview, tagline: null,
  genres: [], language: null, country: null, certification: null, rating: null, votes: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null }, show: null, credits: [],
}); // prettier-ignore

describe('series names', () => {
  // 20,000 titles: a name counts as rare when at most two share it.
  const filler = Array.from({ length: 20_000 }, (_, id) => entry(id, `Film ${id}`, 'A quiet story. Nothing happens to John.'));
  const catalog = [
    ...filler,
    entry(20_000, 'The Fast and the Furious', 'Dominic Toretto races the streets of Los Angeles.'),
    entry(20_001, 'Furious 7', 'Deckard Shaw hunts Dominic Toretto and his crew.'),
    entry(20_002, 'A Madea Christmas', 'Christmas comes to a small town.'),
    entry(20_003, "Madea's Big Happy Family", 'Family troubles gather.'),
    entry(20_004, 'Racing Hearts', 'Deckard is the name of a street.'),
    entry(20_005, 'Rapids', 'Then agent Hobbs returns.'),
    entry(20_006, 'Thunder', 'Only agent Hobbs knows.'),
  ];
  const names = seriesNames(catalog);
  const shared = (a: number, b: number) => Array.from(names[a]!).some((n) => names[b]!.includes(n));

  it('ties titles that share a rare name of their overviews or a rare word of their titles', () => {
    expect(shared(20_000, 20_001)).toBe(true);
    expect(shared(20_002, 20_003)).toBe(true);
    expect(shared(20_000, 20_002)).toBe(false);
  });

  it('counts neither common names nor capitals that open a sentence', () => {
    // "John" is in every filler overview, and 20,004 capitalises "Deckard" only to open a sentence.
    expect(shared(0, 1)).toBe(false);
    expect(shared(20_001, 20_004)).toBe(false);
    expect(Array.from(names[20_000]!)).toEqual([...names[20_000]!].sort((a, b) => a - b));
  });

  it('stops counting a name once more titles share it than a series has', () => {
    expect(shared(20_005, 20_006)).toBe(true);
    // A third title naming Hobbs: three of 20,008 titles is above one in ten thousand.
    const crowded = seriesNames([...catalog, entry(20_007, 'Kettle', 'So agent Hobbs waits.')]);
    expect(Array.from(crowded[20_005]!).some((n) => crowded[20_006]!.includes(n))).toBe(false);
  });
});
