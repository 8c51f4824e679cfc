import type { Database } from 'sql.js';
import { foldText } from './foldText.ts';
import type { TitleType } from './record.ts';

export interface TitleHit {
  id: number;
  title: string;
  year: number | null;
  type: TitleType;
  votes: number | null;
  /** The start of the overview, to tell same-titled titles apart. */
  overviewStart: string | null;
}

const OVERVIEW_START_CHARS = 140;
/** Spelling alternatives tried per misspelt word, and word combinations queried at most. */
const ALTERNATIVES_PER_WORD = 3;
const MAX_COMBINATIONS = 8;

/**
 * Titles matching what a person typed, every word a prefix ("now you se" finds "Now You
 * See Me"), accents folded ("amelie"), and misspelt words corrected from the titles' own
 * vocabulary ("harry poter chamber"). Exact title first, then corrected matches after
 * exact ones, then by votes.
 */
export function searchTitles(db: Database, typed: string, limit = 10): TitleHit[] {
  const words = foldText(typed).match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return [];
  const exactTitle = typed.trim().toLowerCase();
  const hits = ftsQuery(db, words, exactTitle, limit);
  if (hits.length >= limit) return hits;

  const vocab = vocabulary(db);
  const options = words.map((w, i) => alternatives(w, i === words.length - 1, vocab));
  if (options.every((o) => o.length === 1 && o[0]!.cost === 0)) return hits;
  const seen = new Set(hits.map((h) => h.id));
  // Only the cheapest correction that finds anything: "the prestgie" must not fall back to "the".
  let foundAt = hits.length ? 0 : Infinity;
  for (const combo of cheapestCombinations(options, MAX_COMBINATIONS)) {
    if (combo.cost === 0) continue;
    if (combo.cost > foundAt) break;
    for (const hit of ftsQuery(db, combo.words, exactTitle, limit)) {
      foundAt = combo.cost;
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      hits.push(hit);
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}

function ftsQuery(db: Database, words: string[], exactTitle: string, limit: number): TitleHit[] {
  if (words.length === 0) return [];
  const result = db.exec(
    `SELECT t.id, t.title, t.year, t.type, t.votes, substr(t.overview, 1, ${OVERVIEW_START_CHARS})
       FROM titles_fts JOIN titles t ON t.id = titles_fts.rowid
      WHERE titles_fts MATCH ?
      ORDER BY (lower(t.title) = ?) DESC, t.votes IS NULL, t.votes DESC
      LIMIT ?`,
    [words.map((w) => `${w}*`).join(' '), exactTitle, limit],
  );
  return (result[0]?.values ?? []).map(([id, title, year, type, votes, overviewStart]) => ({
    id: id as number,
    title: title as string,
    year: year as number | null,
    type: type as TitleType,
    votes: votes as number | null,
    overviewStart: overviewStart as string | null,
  }));
}

interface Vocabulary {
  /** Title words and how many titles use them. */
  documents: Map<string, number>;
  /** The same words by first letter, where a misspelling usually still starts. */
  byInitial: Map<string, string[]>;
}

const vocabularies = new WeakMap<Database, Vocabulary>();

/** Reads the vocabulary now (about 0.2 s at 60k titles) so the first keystroke does not pay for it. */
export function prepareTitleSearch(db: Database): void {
  vocabulary(db);
}

/** The FTS index's own term list (fts4aux), read once per database. */
function vocabulary(db: Database): Vocabulary {
  let v = vocabularies.get(db);
  if (!v) {
    db.run('CREATE VIRTUAL TABLE IF NOT EXISTS temp.title_terms USING fts4aux(main, titles_fts)');
    const rows = db.exec("SELECT term, documents FROM temp.title_terms WHERE col = '*'")[0]?.values ?? [];
    v = { documents: new Map(), byInitial: new Map() };
    for (const [term, documents] of rows as [string, number][]) {
      v.documents.set(term, documents);
      const bucket = v.byInitial.get(term[0]!) ?? [];
      bucket.push(term);
      v.byInitial.set(term[0]!, bucket);
    }
    vocabularies.set(db, v);
  }
  return v;
}

interface Option {
  word: string | null;
  cost: number;
}

/**
 * A typed word as it is (cost 0) when titles use it (the last word: when it starts one),
 * else its nearest title words. A word with no near match may be dropped, at a cost.
 */
function alternatives(word: string, isLast: boolean, vocab: Vocabulary): Option[] {
  const bucket = vocab.byInitial.get(word[0]!) ?? [];
  const known = isLast ? bucket.some((t) => t.startsWith(word)) : vocab.documents.has(word);
  if (known || word.length < 3) return [{ word, cost: 0 }];
  const maxDistance = word.length >= 5 ? 2 : 1;
  const near: { word: string; cost: number; documents: number }[] = [];
  for (const term of bucket) {
    if (Math.abs(term.length - word.length) > maxDistance && !isLast) continue;
    const d = isLast ? prefixDistance(word, term, maxDistance) : distance(word, term, maxDistance);
    if (d <= maxDistance) near.push({ word: term, cost: d, documents: vocab.documents.get(term)! });
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
