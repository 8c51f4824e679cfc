import { describe, expect, it } from 'vitest';
import type { CatalogEntry, Credit } from '../catalog/record.ts';
import { encodeTitleTexts, readTitleTexts } from '../catalog/titleTexts.ts';
import { seededRandom } from '../vectors/seededRandom.ts';
import { explain, personReason, wordsOfCodedTexts, wordsOfFields } from './explain.ts';
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

  it('read a title\'s words from the texts\' word codes as from its text', () => {
    const pieces = ['The ', 'heists ', 'Amélie', 'Poulain, ', 'Straße ', '東京', 'e\u0301clair ', '12 ', 'thieves. ', 'magician\'s ', '— ', 'U.S.A. ', 'of ', 'bank-robbers ', '  '];
    const random = seededRandom(3);
    const text = () => (random() < 0.1 ? null : [...Array.from({ length: 1 + Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]!), random() < 0.5 ? `Rarest${Math.floor(random() * 1e9)} ` : ''].join(''));
    const texts = Array.from({ length: 200 }, () => ({ overview: text(), tagline: text() }));
    const byCodes = wordsOfCodedTexts(readTitleTexts(encodeTitleTexts(texts), texts.length));
    texts.forEach((t, id) => {
      const result = entry(id, 'Ocean\'s Eleven', t);
      const fromText: string[] = [];
      const fromCodes: string[] = [];
      wordsOfFields(result, (w) => fromText.push(w));
      byCodes(result, (w) => fromCodes.push(w));
      expect(fromCodes, `title ${id}`).toEqual(fromText);
    });
    // Literals (words used once) count too: a description may be after exactly that word.
    const rare = texts.findIndex((t) => /Rarest\d+/.test(t.overview ?? ''));
    const word = /Rarest\d+/.exec(texts[rare]!.overview!)![0].toLowerCase();
    expect(explain({ words: new Set([word]), genres: [] }, entry(rare, 'X', texts[rare]), 0.5, undefined, byCodes).sharedWords).toEqual([word]);
  });
});
