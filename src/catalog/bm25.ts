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

/**
 * Every word's texts and its BM25 weight in each, in one array (CSR): word w's texts and
 * weights are at `starts[w]` up to `starts[w + 1]`, in text order. Scoring a query then
 * costs the postings of its words, each a lookup and an add.
 */
export interface Postings {
  /** How many texts have each word. */
  df: Uint32Array;
  idf: Float64Array;
  starts: Uint32Array;
  ids: Uint32Array;
  weights: Float32Array;
}

/**
 * Postings of `count` texts over `words` distinct words, each text's (word, occurrences)
 * pairs given by `forEachPair` (called twice per text: to count, then to fill), and each
 * text's length in words (its pairs may leave words out).
 */
export function bm25Postings(count: number, words: number, lengths: ArrayLike<number>, forEachPair: (id: number, visit: (word: number, tf: number) => void) => void): Postings {
  const df = new Uint32Array(words);
  for (let id = 0; id < count; id++) forEachPair(id, (w) => df[w]!++);
  const idfs = Float64Array.from(df, (n) => idf(n, count));
  // Over the texts there are: where most titles have no overview (the demo's), an average
  // counting them as empty would make every real overview look long and score low.
  let total = 0;
  let texts = 0;
  for (let id = 0; id < count; id++) {
    total += lengths[id]!;
    if (lengths[id]! > 0) texts++;
  }
  const meanLength = total / Math.max(1, texts);
  const starts = new Uint32Array(words + 1);
  for (let w = 0; w < words; w++) starts[w + 1] = starts[w]! + df[w]!;
  const ids = new Uint32Array(starts[words]!);
  const weights = new Float32Array(ids.length);
  const filled = starts.slice(0, -1);
  for (let id = 0; id < count; id++) {
    forEachPair(id, (w, tf) => {
      const at = filled[w]!++;
      ids[at] = id;
      weights[at] = bm25(idfs[w]!, tf, lengths[id]!, meanLength);
    });
  }
  return { df, idf: idfs, starts, ids, weights };
}
