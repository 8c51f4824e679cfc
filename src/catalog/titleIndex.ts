import type { Database } from 'sql.js';
import { foldText } from './foldText.ts';

/** What the index needs of a title; `votes` decides the order among matches. */
export interface IndexedTitle {
  id: number;
  title: string;
  originalTitle: string | null;
  votes: number | null;
}

/**
 * What the catalog build stores for title search (the one row of `title_search`), so a
 * reader has nothing to fold, sort or split at start-up: the ids most voted first, and per
 * title a line " title words\t original title words\n", folded, in the same order.
 */
export interface TitleSearchData {
  ids: Int32Array;
  text: string;
}

/**
 * An in-memory index of title words for typeahead. Every typed word matches as the start of
 * a title word ("now you se" finds "Now You See Me"), accents folded. All titles sit in one
 * string, most voted first, so matches come out in order of votes and a common prefix stops
 * after the first few titles instead of sorting the thousands it matches (SQLite FTS4 took
 * 15-25 ms per keystroke for those at 60k titles), while a rare word is found by the
 * engine's native substring search, far faster than testing title by title.
 */
export interface TitleIndex extends TitleSearchData {
  /** Where each rank's line starts in `text`, plus the end. */
  starts: Int32Array;
  /** Folded full titles ("amelie", "now you see me 2") to ranks, for exact matches first. */
  exact: Map<string, number[]>;
}

export function titleWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Title search data for `titles`, written by the catalog build. */
export function titleSearchData(titles: IndexedTitle[]): TitleSearchData {
  const ranked = [...titles].sort((a, b) => (b.votes ?? -1) - (a.votes ?? -1) || a.id - b.id);
  const lines = ranked.map((t) => ` ${titleWords(t.title).join(' ')}\t${t.originalTitle ? ` ${titleWords(t.originalTitle).join(' ')}` : ''}\n`);
  return { ids: Int32Array.from(ranked, (t) => t.id), text: lines.join('') };
}

export function readTitleSearchData(db: Database): TitleSearchData {
  const [ids, text] = db.exec('SELECT ids, text FROM title_search')[0]?.values[0] ?? [];
  if (!(ids instanceof Uint8Array) || typeof text !== 'string') throw new Error('the catalog has no title search data');
  return { ids: new Int32Array(ids.slice().buffer), text };
}

export function indexTitles({ ids, text }: TitleSearchData): TitleIndex {
  const starts = new Int32Array(ids.length + 1);
  const exact = new Map<string, number[]>();
  for (let rank = 0, at = 0; rank < ids.length; rank++) {
    const end = text.indexOf('\n', at) + 1;
    if (end === 0) throw new Error(`title search data: ${ids.length} ids but ${rank} lines`);
    const own = text.slice(at + 1, text.indexOf('\t', at));
    const same = exact.get(own);
    if (same) same.push(rank);
    else exact.set(own, [rank]);
    starts[rank + 1] = at = end;
  }
  return { ids, text, starts, exact };
}

/**
 * Catalog ids of titles in which every one of `words` starts some title word: an exact full
 * title first, then by votes. At most `limit`, none of `skip`. With the `vocabulary` (built
 * after start-up), titles of a rare word are looked up instead of scanned for.
 */
export function matchTitles(index: TitleIndex, words: string[], limit: number, skip: ReadonlySet<number> = new Set(), vocabulary?: Vocabulary): number[] {
  const found: number[] = [];
  if (words.length === 0 || limit <= 0) return found;
  const take = (rank: number) => {
    const id = index.ids[rank]!;
    if (!skip.has(id) && !found.includes(id)) found.push(id);
    return found.length >= limit;
  };
  for (const rank of index.exact.get(words.join(' ')) ?? []) if (take(rank)) return found;

  const needles = words.map((w) => ` ${w}`);
  const { text, starts } = index;
  const hasEvery = (rank: number) => {
    const line = text.slice(starts[rank]!, starts[rank + 1]!);
    return needles.every((n) => line.includes(n));
  };
  const candidates = vocabulary && rareWordRanks(vocabulary, words, index.ids.length);
  if (candidates) {
    for (const rank of candidates) if (hasEvery(rank) && take(rank)) break;
    return found;
  }
  // The longest word is usually the rarest: let it lead, and check the others per title.
  const lead = needles.reduce((a, b) => (b.length > a.length ? b : a));
  for (let at = text.indexOf(lead); at !== -1; ) {
    const rank = rankAt(starts, at);
    if (hasEvery(rank) && take(rank)) return found;
    at = text.indexOf(lead, starts[rank + 1]!);
  }
  return found;
}

/**
 * The ranks, in order, of the titles with a word starting with the rarest of `words`, when
 * that is a small part of the catalog. A scan of all titles (13 ms at 334k) is then wasted,
 * since few match; when many do, the scan finds the most voted ones first and stops early.
 */
function rareWordRanks(vocabulary: Vocabulary, words: string[], titles: number): Int32Array | undefined {
  let rarest: [from: number, to: number] | undefined;
  for (const word of words) {
    const [from, to] = wordsStartingWith(vocabulary, word);
    if (!rarest || titlesUsing(vocabulary, from, to) < titlesUsing(vocabulary, ...rarest)) rarest = [from, to];
  }
  const [from, to] = rarest!;
  if (titlesUsing(vocabulary, from, to) > titles / 8) return undefined;
  const ranks = vocabulary.ranks.slice(vocabulary.starts[from], vocabulary.starts[to]);
  // Several words share the prefix: their lists, each in order, merge by sorting (a title using two of them comes twice; `take` keeps one).
  return to - from > 1 ? ranks.sort() : ranks;
}

function rankAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Title words, sorted, each with the ranks of the titles that use it: the dictionary
 * misspellings are corrected from, and the word index that spares rare words a scan. Built
 * once start-up is over (0.15 s at 60k titles), since title search works without it.
 */
export interface Vocabulary {
  words: string[];
  /** Ranks of the titles using `words[i]`, ascending, are `ranks[starts[i]]` up to `ranks[starts[i + 1]]`. */
  ranks: Int32Array;
  starts: Int32Array;
}

export function vocabularyOf(index: TitleIndex): Vocabulary {
  const ranksOf = new Map<string, number[]>();
  const lines = index.text.split('\n');
  for (let rank = 0; rank < index.ids.length; rank++) {
    for (const w of new Set(lines[rank]!.split(/[ \t]/))) {
      if (!w) continue;
      const ranks = ranksOf.get(w);
      if (ranks) ranks.push(rank);
      else ranksOf.set(w, [rank]);
    }
  }
  const words = [...ranksOf.keys()].sort();
  const starts = new Int32Array(words.length + 1);
  words.forEach((w, i) => (starts[i + 1] = starts[i]! + ranksOf.get(w)!.length));
  const ranks = new Int32Array(starts[words.length]!);
  words.forEach((w, i) => ranks.set(ranksOf.get(w)!, starts[i]!));
  return { words, ranks, starts };
}

/** The vocabulary: `built` once it is, and `build()` for a misspelling that cannot wait. */
export interface LazyVocabulary {
  readonly built: Vocabulary | undefined;
  build(): Vocabulary;
}

export function lazyVocabulary(index: TitleIndex): LazyVocabulary {
  let vocabulary: Vocabulary | undefined;
  return {
    get built() {
      return vocabulary;
    },
    build: () => (vocabulary ??= vocabularyOf(index)),
  };
}

/** How many titles use the words `from` up to `to` (a title using two counts twice). */
export const titlesUsing = (vocabulary: Vocabulary, from: number, to: number): number => vocabulary.starts[to]! - vocabulary.starts[from]!;

/** The range of `vocabulary.words` that start with `prefix`. */
export function wordsStartingWith(vocabulary: Vocabulary, prefix: string): [from: number, to: number] {
  return [lowerBound(vocabulary.words, prefix), lowerBound(vocabulary.words, `${prefix}\uffff`)];
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
