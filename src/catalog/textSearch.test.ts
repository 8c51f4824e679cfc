import { describe, expect, it } from 'vitest';
import { textSearch } from './textSearch.ts';
import { encodeTitleTexts, readTitleTexts } from './titleTexts.ts';

describe('BM25 over the titles\' texts', () => {
  const filler = Array.from({ length: 60 }, (_, i) => ({ overview: `A man and a woman meet in the city and fall in love, story ${i % 7}.`, tagline: null }));
  const texts = [
    // Words are indexed by their tokens ("Mars " and "Mars." differ) that occur more than once.
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

  it('ignores words in too many titles, stopwords, and words the catalog uses once', () => {
    expect(search.search('the city love', 5).ids).toHaveLength(0);
    // "Idaho" appears once in the catalog: a literal in texts.bin, not indexed.
    expect(search.search('Idaho', 5).ids).toHaveLength(0);
    expect(Array.from(search.search('astronaut', 5).ids).sort()).toEqual([0, 1, 3]);
  });
});
