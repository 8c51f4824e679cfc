import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { wordScores } from './wordScores.ts';

const entry = (id: number, title: string, overview: string): CatalogEntry => ({
  id, key: `k${id}`, type: 'movie', title, originalTitle: null, year: null, released: null, runtime: null, overview, tagline: null,
  genres: [], language: null, country: null, certification: null, rating: null, votes: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null }, show: null, credits: [],
}); // prettier-ignore

describe('word scores (BM25 between titles)', () => {
  const filler = Array.from({ length: 100 }, (_, i) => entry(10 + i, `Another film ${i}`, `A young man leaves home to find his way in the city, number ${i}.`));
  const entries = [
    entry(0, 'Harry Potter and the Philosopher\'s Stone', 'A young wizard, Harry Potter, begins his first year at Hogwarts.'),
    entry(1, 'Harry Potter and the Chamber of Secrets', 'Harry Potter returns to Hogwarts, where a chamber has been opened.'),
    entry(2, 'The Young Wizard', 'A young man leaves home to find his way in the city.'),
    entry(3, 'The Young Wizard', 'A young man leaves home to find his way in the city.'),
    ...filler,
  ].map((e, id) => ({ ...e, id }));

  it('ranks the title sharing the rare names first, itself left out, on a scale where the same words score 1', () => {
    const scores = wordScores(entries);
    const { ids, scores: s } = scores.nearest(0, 5);
    expect(ids[0]).toBe(1);
    expect(Array.from(ids)).not.toContain(0);
    expect(Array.from(s)).toEqual([...s].sort((a, b) => b - a));
    const twin = scores.nearest(2, 1);
    expect(twin).toEqual({ ids: Uint32Array.from([3]), scores: Float32Array.from([1]) });
  });

  it('finds nothing for a title whose words are all common', () => {
    const common = wordScores([...entries, entry(0, 'The', 'the the')].map((e, id) => ({ ...e, id })));
    expect(common.nearest(entries.length, 3).ids).toHaveLength(0);
  });
});
