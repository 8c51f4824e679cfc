import { foldText } from '../catalog/foldText.ts';
import type { CatalogEntry, Credit } from '../catalog/record.ts';
import type { TitleTexts } from '../catalog/titleTexts.ts';
import type { RecordSignals } from './relatedness.ts';

export interface Explanation {
  /** Cosine similarity of the two embeddings, -1..1. */
  similarity: number;
  sharedGenres: string[];
  /** The most distinctive words the query and the result have in common, rarest first. */
  sharedWords: string[];
  /** The same series, by title ("Toy Story 2" for "Toy Story") or a rare shared name; for "more like this" only. */
  sameSeries: boolean;
  /** Directors and leading actors of both; for "more like this" only. */
  sharedPeople: Credit[];
}

/** How common a word is in the catalog's texts: 0 the most, 1 the least, Infinity unrepeated (src/catalog/titleTexts.ts). */
export type WordRank = (word: string) => number;

/** Walks a title's content words (as `contentWords` splits them) in its title, overview and tagline. */
export type TitleWords = (entry: CatalogEntry, use: (word: string) => void) => void;

/** How many shared words a reason names. */
const MAX_WORDS = 6;

/**
 * The catalog's most frequent words are never distinctive, whatever the stopword list
 * misses: in Wikipedia-style plots, "directed", "screenplay", "american". The first quarter
 * percent of its repeated words: about 200 at 60k titles.
 */
const COMMON_SHARE = 0.0025;

const STOPWORDS = new Set(
  'a an and are as at be been but by for from has have he her his in into is it its of on or she that the their them they this to was were when which while who whom will with after about against all also before being between both can could does during each even ever every find finds first get gets more most must new now off one only other out over own same should some such than then there these through too two under until upon very what where would you your young life world years year story film movie'.split(' '),
);

export function contentWords(text: string | null): Set<string> {
  const words = new Set<string>();
  forEachContentWord(text ?? '', (w) => words.add(w));
  return words;
}

function forEachContentWord(text: string, use: (word: string) => void): void {
  for (const w of foldText(text).split(/[^a-z0-9]+/)) {
    if (w.length >= 3 && !STOPWORDS.has(w)) use(w.endsWith('s') && w.length > 4 ? w.slice(0, -1) : w);
  }
}

/** A title's words from its fields: its whole text folded and split. */
export const wordsOfFields: TitleWords = (e, use) => forEachContentWord(`${e.title} ${e.overview ?? ''} ${e.tagline ?? ''}`, use);

/**
 * A title's words from the texts' word codes (src/catalog/titleTexts.ts), without decoding
 * its texts: each listed token is split into words once, the first time a title shows it.
 * Folding and splitting every result's text was 40% of "more like this". A token is a word
 * or a run of what separates words, so splitting each one gives the words of the whole.
 */
export function wordsOfCodedTexts(texts: Pick<TitleTexts, 'tokens' | 'forEachToken'>): TitleWords {
  /** A token's words: most tokens are one word or none, kept as such (a visit per token must be cheap). */
  const wordsOf = (token: string): string | string[] | null => {
    const words: string[] = [];
    forEachContentWord(token, (w) => words.push(w));
    return words.length > 1 ? words : (words[0] ?? null);
  };
  let known: (string | string[] | null | undefined)[] | undefined;
  return (e, use) => {
    forEachContentWord(e.title, use);
    const tokens = texts.tokens;
    const words = (known ??= new Array<string | string[] | null | undefined>(tokens.length));
    texts.forEachToken(
      e.id,
      (token) => {
        let w = words[token];
        if (w === undefined) w = words[token] = wordsOf(tokens[token] ?? '');
        if (typeof w === 'string') use(w);
        else if (w) w.forEach(use);
      },
      (literal) => forEachContentWord(literal, use),
    );
  };
}

export interface Query {
  words: Set<string>;
  genres: string[];
  /** What the query's and the result's records share, when the query is a title. */
  signals?: (result: CatalogEntry) => RecordSignals;
}

/** Why `result` came up for `query`. */
export function explain(query: Query, result: CatalogEntry, similarity: number, wordRank?: WordRank, wordsOf: TitleWords = wordsOfFields): Explanation {
  // Only the words the query has are kept: a result's text is read, not collected.
  const shared = new Set<string>();
  wordsOf(result, (w) => query.words.has(w) && shared.add(w));
  // contentWords drops a plural s: the word's rank is that of its more frequent form.
  const rank = (w: string) => (wordRank ? Math.min(wordRank(w), wordRank(`${w}s`)) : Infinity);
  const sharedWords = [...shared]
    .filter((w) => rank(w) >= COMMON_SHARE)
    .sort((a, b) => Math.sign(rank(b) - rank(a) || 0) || b.length - a.length || a.localeCompare(b));
  const signals = query.signals?.(result);
  return {
    similarity,
    sharedGenres: query.genres.filter((g) => result.genres.includes(g)),
    sharedWords: sharedWords.slice(0, MAX_WORDS),
    sameSeries: signals?.series ?? false,
    sharedPeople: signals?.sharedPeople ?? [],
  };
}

/** A shared person as a reason reads: "same director: …" or "also with …". */
export function personReason(p: Credit): string {
  return p.role === 'crew' ? `same director: ${p.name}` : `also with ${p.name}`;
}
