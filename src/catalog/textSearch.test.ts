import { describe, expect, it } from 'vitest';
import { textSearch } from './textSearch.ts';
import { encodeTitleTexts, readTitleTexts } from './titleTexts.ts';

describe('BM25 over the titles\' texts', () => {
  const filler = Array.from({ length: 60 }, (_, i) => ({ overview: `A man and a woman meet in the city and fall in love, story ${i % 7}.`, tagline: null }));
  const texts = [
    { overview: 'An astronaut on Mars grows potatoes to survive, alone on Mars for years.', tagline: 'Bring him home.' },
    { overview: 'An astronaut drifts in orbit after debris destroys her shuttle.', tagline: null },
    { overview: 'A farmer grows potatoes in Idaho.', tagline: null },
    { overview: 'An astronaut story with potatoes and Mars at its heart.', tagline: null },
    ...filler,
  ];
  const search = textSearch(readTitleTexts(encodeTitleTexts(texts), texts.length));

  it('ranks the title sharing the most and rarest words first, on a scale of 0 to 1', () => {
    const { ids, scores } = search.search('stranded astronaut on Mars who grows potatoes', 3);
    expect(Array.from(ids)).toEqual([0, 3, 2]);
    expect(scores[0]).toBeGreaterThan(scores[1]!);
    for (const s of scores) expect(s).toBeGreaterThan(0), expect(s).toBeLessThanOrEqual(1);
  });

  it('ignores words in too many titles and stopwords', () => {
    expect(search.search('the city love', 5).ids).toHaveLength(0);
    expect(Array.from(search.search('astronaut', 5).ids).sort()).toEqual([0, 1, 3]);
  });

  it('finds a word the catalog uses once, written as a literal in texts.bin, at the highest weight', () => {
    const { ids, scores } = search.search('Idaho', 5);
    expect(Array.from(ids)).toEqual([2]);
    expect(scores[0]).toBeGreaterThan(search.search('astronaut', 1).scores[0]!);
  });

  it('matches words by their stem: "grow potato" finds "grows potatoes"', () => {
    expect(Array.from(search.search('grow potato', 5).ids).sort()).toEqual([0, 2, 3]);
    expect(Array.from(search.search('drifting', 5).ids)).toEqual([1]);
  });

  it('scores a title by the overviews there are: titles without one do not make the others look long', () => {
    const many = [{ overview: 'A lighthouse keeper hears the sea sing.', tagline: null }, { overview: 'A lighthouse in a storm.', tagline: null }];
    const alone = textSearch(readTitleTexts(encodeTitleTexts(many), many.length)).search('lighthouse keeper', 1);
    const empty = { overview: null, tagline: null };
    const withEmpty = [...many, ...Array.from({ length: 200 }, () => empty)];
    const amongEmpty = textSearch(readTitleTexts(encodeTitleTexts(withEmpty), withEmpty.length)).search('lighthouse keeper', 1);
    expect(amongEmpty.ids[0]).toBe(0);
    // The same texts, so the same length discount; only the words' rarity grows.
    expect(amongEmpty.scores[0]).toBeGreaterThan(alone.scores[0]! * 0.9);
  });
});
