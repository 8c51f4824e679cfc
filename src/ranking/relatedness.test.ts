import { describe, expect, it } from 'vitest';
import type { CatalogEntry, Credit } from '../catalog/record.ts';
import { explain, personReason } from './explain.ts';
import { RELATEDNESS, recordFeatures, recordSignals as signalsOf, relatedness } from './relatedness.ts';

const recordSignals = (a: CatalogEntry, b: CatalogEntry) => signalsOf(recordFeatures(a), recordFeatures(b));

const entry = (id: number, title: string, more: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id, key: `k${id}`, type: 'movie', title, originalTitle: null, year: 2000, released: null, runtime: null, overview: null, tagline: null,
  genres: [], language: 'en', country: null, certification: null, rating: null, votes: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null }, show: null, credits: [], ...more,
}); // prettier-ignore
const cast = (...names: string[]): Credit[] => names.map((name) => ({ name, role: 'cast', job: null }));
const director = (name: string): Credit => ({ name, role: 'crew', job: 'Director' });

describe('relatedness', () => {
  it('counts a shared director fully and a shared leading actor by half, and no one billed below the leads', () => {
    const a = entry(0, 'Sleepless in Seattle', { credits: [director('Nora Ephron'), ...cast('Tom Hanks', 'Meg Ryan', 'A', 'B', 'C', 'Extra')] });
    const sameDirector = entry(1, 'Julie & Julia', { credits: [director('Nora Ephron')] });
    const bothLeads = entry(2, "You've Got Mail", { credits: [{ name: 'Nora Ephron', role: 'crew', job: 'Writer' }, ...cast('Meg Ryan', 'Tom Hanks')] });
    const extraOnly = entry(3, 'Other', { credits: cast('Extra') });
    expect(recordSignals(a, sameDirector)).toMatchObject({ people: 1, sharedPeople: [director('Nora Ephron')] });
    expect(recordSignals(a, bothLeads).people).toBe(1);
    expect(recordSignals(a, bothLeads).sharedPeople.map((p) => p.name)).toEqual(['Meg Ryan', 'Tom Hanks']);
    expect(recordSignals(a, extraOnly)).toMatchObject({ people: 0, sharedPeople: [] });
    expect(personReason(director('Nora Ephron'))).toBe('same director: Nora Ephron');
  });

  it('weighs meaning, words, series, people, genres and language as documented', () => {
    const a = entry(0, 'Toy Story', { genres: ['animation', 'comedy'], language: 'en' });
    const b = entry(1, 'Toy Story 2', { genres: ['animation', 'family'], language: 'en' });
    const signals = recordSignals(a, b);
    expect(signals).toMatchObject({ series: true, genres: 1 / 3, language: true, people: 0 });
    expect(relatedness(0.8, 0.5, signals)).toBeCloseTo(0.8 + 0.5 * RELATEDNESS.words + RELATEDNESS.series + RELATEDNESS.genres / 3 + RELATEDNESS.language, 6);
    const foreign = recordSignals(a, entry(2, 'Cars', { language: 'fr' }));
    expect(relatedness(0.8, 0, foreign)).toBeCloseTo(0.8, 6);
  });
});

describe('reasons', () => {
  it('name the rarest shared words first and never the catalog\'s most common ones', () => {
    const ranks: Record<string, number> = { directed: 0.0001, american: 0.0004, hogwart: 0.7, wizard: 0.05 };
    const wordRank = (w: string) => ranks[w] ?? Infinity;
    const query = { words: new Set(['directed', 'american', 'hogwart', 'wizard', 'school']), genres: [] };
    const result = entry(1, 'Harry Potter', { overview: 'An American film directed at Hogwarts, a school for every wizard.' });
    expect(explain(query, result, 0.5, wordRank).sharedWords).toEqual(['school', 'hogwart', 'wizard']);
  });
});
