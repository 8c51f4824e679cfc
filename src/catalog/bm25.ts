import { foldText } from './foldText.ts';

/**
 * BM25, as the build ranks titles by shared words (tools/artifacts/wordScores.ts) and the
 * worker scores descriptions against overviews (textSearch.ts): term frequency saturates
 * (K1) and long texts are discounted (B), at the usual constants.
 */
const K1 = 1.2;
const B = 0.75;
const STOPWORDS = new Set('a an and are as at be been but by for from has have he her his in into is it its of on or she that the their them they this to was were when which while who whom will with'.split(' '));

/** The words BM25 counts in a text: folded, split at anything but letters and digits, no stopwords. */
export function bm25Words(text: string | null): string[] {
  return foldText(text ?? '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2 && !STOPWORDS.has(w));
}

/** A word is as informative as it is rare among `count` texts. */
export const idf = (df: number, count: number) => Math.log(1 + (count - df + 0.5) / (df + 0.5));

/** One word's score in one text: `tf` occurrences in a text of `length` words, `meanLength` on average. */
export const bm25 = (idfOfWord: number, tf: number, length: number, meanLength: number) => (idfOfWord * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / meanLength));

/** The most one word can score in any text (tf saturates at K1 + 1 times its idf). */
export const bm25Ceiling = (idfOfWord: number) => idfOfWord * (K1 + 1);
