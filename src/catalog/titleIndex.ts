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
 * title first, then by votes. At most `limit`, none of `skip`.
 */
export function matchTitles(index: TitleIndex, words: string[], limit: number, skip: ReadonlySet<number> = new Set()): number[] {
  const found: number[] = [];
  if (words.length === 0 || limit <= 0) return found;
  const take = (rank: number) => {
    const id = index.ids[rank]!;
    if (!skip.has(id) && !found.includes(id)) found.push(id);
    return found.length >= limit;
  };
  for (const rank of index.exact.get(words.join(' ')) ?? []) if (take(rank)) return found;

  const needles = words.map((w) => ` ${w}`);
  // The longest word is usually the rarest: let it lead, and check the others per title.
  const lead = needles.reduce((a, b) => (b.length > a.length ? b : a));
  const { text, starts } = index;
  for (let at = text.indexOf(lead); at !== -1; ) {
    const rank = rankAt(starts, at);
    const line = text.slice(starts[rank]!, starts[rank + 1]!);
    if (needles.every((n) => line.includes(n)) && take(rank)) return found;
    at = text.indexOf(lead, starts[rank + 1]!);
  }
  return found;
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

/** Title words, sorted, with how many titles use each: the dictionary misspellings are corrected from. */
export interface Vocabulary {
  words: string[];
  documents: number[];
}

export function vocabularyOf(index: TitleIndex): Vocabulary {
  const counts = new Map<string, number>();
  for (const line of index.text.split('\n')) {
    for (const w of new Set(line.split(/[ \t]/))) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const words = [...counts.keys()].sort();
  return { words, documents: words.map((w) => counts.get(w)!) };
}

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
