import { describe, expect, it } from 'vitest';
import { indexTitles, lazyVocabulary, matchTitles, titleSearchData, vocabularyOf } from './titleIndex.ts';
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
const vocabulary = lazyVocabulary(index);

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

  it('looks rare words up in the vocabulary with the same answers as a scan', () => {
    const words = vocabularyOf(index);
    const queries: [string[], number, Set<number>?][] = [
      [['the', 'ze'], 5],
      [['ze', 'ta'], 5],
      [['zz'], 5],
      [['the', 'number', '12'], 200], // 111 titles: the word index
      [['12'], 5],
      [['49', 'film'], 50], // 49, 490-499, 4900-4999: several words merged in order
      [['fabuleux', 'pou'], 3],
      [['amelie'], 3],
      [['up'], 3, new Set([1])],
      [['the', 'f'], 3], // 5,000 titles: the scan
      [['number', '1'], 40],
    ];
    for (const [q, limit, skip] of queries) {
      const scanned = matchTitles(index, q, limit, skip);
      expect(matchTitles(index, q, limit, skip, words), q.join(' ')).toEqual(scanned);
    }
    // By votes: 4999 down to 4950 (ids 100 more).
    expect(matchTitles(index, ['49', 'film'], 50, undefined, words)).toEqual(Array.from({ length: 50 }, (_, i) => 5099 - i));
  });

  it('counts the titles of each word once however often a title uses it', () => {
    const words = vocabularyOf(indexTitles(titleSearchData([
      { id: 1, title: 'New York, New York', originalTitle: 'New York', votes: 1 },
      { id: 2, title: 'New Moon', originalTitle: null, votes: 2 },
    ])));
    const at = words.words.indexOf('new');
    expect([...words.ranks.subarray(words.starts[at], words.starts[at + 1])]).toEqual([0, 1]);
  });

  it('corrects a misspelt word from the index vocabulary', () => {
    expect(searchTitleIds(index, vocabulary, 'misson impossible')).toEqual([4]);
    expect(searchTitleIds(index, vocabulary, 'rare zebar')).toEqual([5]);
  });
});
