import type { Database } from 'sql.js';
import { preparedRows } from './preparedRows.ts';
import type { TitleType } from './record.ts';
import type { TitleTexts } from './titleTexts.ts';
import { indexTitles, lazyVocabulary, matchTitles, readTitleSearchData, titleWords, titlesUsing, wordsStartingWith, type LazyVocabulary, type TitleIndex, type Vocabulary } from './titleIndex.ts';

export interface TitleHit {
  id: number;
  /** The stable id (src/catalog/titleKey.ts): what the app links to. */
  key: string;
  title: string;
  year: number | null;
  type: TitleType;
  votes: number | null;
  /** The start of the overview, to tell same-titled titles apart. */
  overviewStart: string | null;
}

export interface TitleSearch {
  (typed: string, limit?: number): TitleHit[];
  /** Builds the vocabulary now (about 0.15 s at 60k titles): spelling correction, and rare words found without a scan. */
  prepareSpelling(): void;
  /** Catalog ids of the titles named exactly `title`, accents, case and punctuation aside ("Amélie!" is "amelie"), most voted first. */
  sameTitle(title: string): number[];
}

const OVERVIEW_START_CHARS = 140;
/** Spelling alternatives tried per misspelt word, and word combinations queried at most. */
const ALTERNATIVES_PER_WORD = 3;
const MAX_COMBINATIONS = 8;

/**
 * Title search over `db`: reads the titles' folded words once into memory (one row; about
 * 30 ms at 60k titles), then answers each keystroke from there. The vocabulary is built
 * when the engine has nothing else to do, or at the first misspelling.
 */
export function createTitleSearch(db: Database, texts: TitleTexts): TitleSearch {
  const index = indexTitles(readTitleSearchData(db));
  const vocabulary = lazyVocabulary(index);
  return Object.assign((typed: string, limit = 10) => hitsFor(db, texts, searchTitleIds(index, vocabulary, typed, limit)), {
    prepareSpelling: () => void vocabulary.build(),
    sameTitle: (title: string) => (index.exact.get(titleWords(title).join(' ')) ?? []).map((rank) => index.ids[rank]!),
  });
}

/**
 * Catalog ids for what a person typed, every word a prefix ("now you se" finds "Now You See
 * Me"), accents folded ("amelie"), and misspelt words corrected from the titles' own
 * vocabulary ("harry poter chamber"). Exact title first, then by votes; corrected matches
 * after the uncorrected ones.
 */
export function searchTitleIds(index: TitleIndex, vocabulary: LazyVocabulary, typed: string, limit = 10): number[] {
  const words = titleWords(typed);
  if (!words.length) return [];
  const hits = matchTitles(index, words, limit, undefined, vocabulary.built);
  if (hits.length >= limit) return hits;

  const options = words.map((w, i) => alternatives(w, i === words.length - 1, vocabulary.build()));
  if (options.every((o) => o.length === 1 && o[0]!.cost === 0)) return hits;
  const seen = new Set(hits);
  // Only the cheapest correction that finds anything: "the prestgie" must not fall back to "the".
  let foundAt = hits.length ? 0 : Infinity;
  for (const combo of cheapestCombinations(options, MAX_COMBINATIONS)) {
    if (combo.cost === 0) continue;
    if (combo.cost > foundAt) break;
    for (const id of matchTitles(index, combo.words, limit - hits.length, seen, vocabulary.built)) {
      foundAt = combo.cost;
      seen.add(id);
      hits.push(id);
    }
    if (hits.length >= limit) break;
  }
  return hits;
}

/** The first characters of `text`, never half of one written as two UTF-16 units (an emoji). */
function startOf(text: string | null): string | null {
  if (text === null || text.length <= OVERVIEW_START_CHARS) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[OVERVIEW_START_CHARS - 1]!) ? OVERVIEW_START_CHARS - 1 : OVERVIEW_START_CHARS;
  return text.slice(0, cut);
}

function hitsFor(db: Database, texts: TitleTexts, ids: number[]): TitleHit[] {
  if (ids.length === 0) return [];
  const rows = preparedRows(db, 'SELECT id, key, title, year, type, votes FROM titles WHERE id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]);
  const byId = new Map(
    rows.map(([id, key, title, year, type, votes]) => [
      id as number,
      { id: id as number, key: key as string, title: title as string, year: year as number | null, type: type as TitleType, votes: votes as number | null, overviewStart: startOf(texts.of(id as number).overview) },
    ]),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}

interface Option {
  word: string | null;
  cost: number;
}

/**
 * A typed word as it is (cost 0) when titles use it (the last word: when it starts one),
 * else its nearest title words. A word with no near match may be dropped, at a cost.
 */
function alternatives(word: string, isLast: boolean, vocabulary: Vocabulary): Option[] {
  const [from, to] = wordsStartingWith(vocabulary, word);
  const known = isLast ? to > from : vocabulary.words[from] === word;
  if (known || word.length < 3) return [{ word, cost: 0 }];
  const maxDistance = word.length >= 5 ? 2 : 1;
  const near: { word: string; cost: number; documents: number }[] = [];
  // A misspelling usually still starts with the right letter: look among those words only.
  const [first, last] = wordsStartingWith(vocabulary, word[0]!);
  for (let i = first; i < last; i++) {
    const term = vocabulary.words[i]!;
    if (Math.abs(term.length - word.length) > maxDistance && !isLast) continue;
    const d = isLast ? prefixDistance(word, term, maxDistance) : distance(word, term, maxDistance);
    if (d <= maxDistance) near.push({ word: term, cost: d, documents: titlesUsing(vocabulary, i, i + 1) });
  }
  near.sort((a, b) => a.cost - b.cost || b.documents - a.documents);
  return [...near.slice(0, ALTERNATIVES_PER_WORD), { word: null, cost: maxDistance + 1 }];
}

/** Word choices across all typed words, cheapest total first. */
function cheapestCombinations(options: Option[][], max: number): { words: string[]; cost: number }[] {
  let combos: { words: string[]; cost: number }[] = [{ words: [], cost: 0 }];
  for (const opts of options) {
    combos = combos
      .flatMap((c) => opts.map((o) => ({ words: o.word === null ? c.words : [...c.words, o.word], cost: c.cost + o.cost })))
      .sort((a, b) => a.cost - b.cost)
      .slice(0, max);
  }
  return combos.filter((c) => c.words.length > 0);
}

/** Edit distance with adjacent transpositions (optimal string alignment), stopping once past `max`. */
export function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How far `typed` is from the nearest start of `term` (the word still being typed). */
function prefixDistance(typed: string, term: string, max: number): number {
  let best = max + 1;
  for (let len = Math.max(1, typed.length - max); len <= Math.min(term.length, typed.length + max); len++) {
    best = Math.min(best, distance(typed, term.slice(0, len), max));
  }
  return best;
}
