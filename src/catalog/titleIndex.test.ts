import { describe, expect, it } from 'vitest';
import { indexTitles, matchTitles, titleSearchData, vocabularyOf } from './titleIndex.ts';
import { searchTitleIds } from './titleSearch.ts';

const filler = Array.from({ length: 5000 }, (_, i) => ({ id: 100 + i, title: `The Film Number ${i}`, originalTitle: null, votes: i }));
const index = indexTitles(titleSearchData([
  { id: 1, title: 'Up', originalTitle: null, votes: 5 },
  { id: 2, title: 'Up in the Air', originalTitle: null, votes: 90000 },
  { id: 3, title: 'Amélie', originalTitle: "Le Fabuleux Destin d'Amélie Poulain", votes: 80000 },
  { id: 4, title: 'Mission: Impossible', originalTitle: null, votes: 70000 },
  { id: 5, title: 'Rare Zebra Tale', originalTitle: null, votes: null },
  ...filler,
]));
const vocabulary = () => vocabularyOf(index);

describe('title index', () => {
  it('puts the exact title first, then matches by votes', () => {
    expect(matchTitles(index, ['up'], 3)).toEqual([1, 2]);
    expect(matchTitles(index, ['mission', 'impossible'], 3)).toEqual([4]);
    expect(matchTitles(index, ['amelie'], 3)).toEqual([3]);
    expect(matchTitles(index, ['fabuleux', 'pou'], 3)).toEqual([3]);
  });

  it('walks a common prefix by votes and stops at the limit', () => {
    // 5,000 titles start a word with "the" or "f": most voted first.
    expect(matchTitles(index, ['the', 'f'], 3)).toEqual([5099, 5098, 5097]);
    expect(matchTitles(index, ['the', 'number', '12'], 200).length).toBe(111); // 12, 120-129, 1200-1299
  });

  it('finds titles of rare words, and none for unknown ones', () => {
    expect(matchTitles(index, ['the', 'ze'], 5)).toEqual([]);
    expect(matchTitles(index, ['ze', 'ta'], 5)).toEqual([5]);
    expect(matchTitles(index, ['zz'], 5)).toEqual([]);
  });

  it('leaves out skipped ids', () => {
    expect(matchTitles(index, ['up'], 3, new Set([1]))).toEqual([2]);
  });

  it('corrects a misspelt word from the index vocabulary', () => {
    expect(searchTitleIds(index, vocabulary, 'misson impossible')).toEqual([4]);
    expect(searchTitleIds(index, vocabulary, 'rare zebar')).toEqual([5]);
  });
});
