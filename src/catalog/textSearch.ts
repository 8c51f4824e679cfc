import { stemmer } from 'stemmer';
import { topPositions } from '../vectors/topK.ts';
import { bm25Ceiling, bm25Postings, bm25Words, type Postings } from './bm25.ts';
import { foldText } from './foldText.ts';
import type { TitleTexts } from './titleTexts.ts';

export interface TextSearch {
  /**
   * The `n` titles whose overview and tagline score best by BM25 for `text`, best first,
   * each score over the most the words could score (their idf summed, saturated): 0 to
   * about 1.
   */
  search(text: string, n: number): { ids: Uint32Array; scores: Float32Array };
}

/** Words in more titles than this share say nothing of one title, and cost the most to score. */
const COMMON_SHARE = 0.05;

/**
 * BM25 over every title's overview and tagline, built from `texts.bin`'s word codes: each
 * listed token maps to its folded word once, so only the tokens used once in the catalog
 * (literals there) are decoded; about 1 s at 60k titles, spent when the engine is idle.
 * Those are often the words a description is after ("acrophobia"): they match one title,
 * at the highest weight. Postings hold precomputed weights.
 */
export function textSearch(texts: TitleTexts): TextSearch {
  const { count } = texts;
  const words = vocabulary(texts.tokens);
  // Built apart: what building needs is garbage once done, where anything the closure below
  // shares a scope with would stay reachable for as long as the search does (13.6 MB at 60k).
  const { df, idf: idfs, starts, ids: postIds, weights: postWeights } = postingsOf(texts, words);
  const { wordIds } = words;
  const common = Math.max(2, COMMON_SHARE * count);
  const scores = new Float32Array(count);

  return {
    search(text, n) {
      const words = [...new Set(bm25Words(text).map(stemmer))].map((w) => wordIds.get(w)).filter((w): w is number => w !== undefined && df[w]! <= common);
      const best = words.reduce((sum, w) => sum + bm25Ceiling(idfs[w]!), 0);
      const hit: number[] = [];
      for (const w of words) {
        for (let p = starts[w]!; p < starts[w + 1]!; p++) {
          const id = postIds[p]!;
          if (scores[id] === 0) hit.push(id);
          scores[id]! += postWeights[p]!;
        }
      }
      const hitScores = Float32Array.from(hit, (id) => scores[id]!);
      for (const id of hit) scores[id] = 0;
      const top = topPositions(hitScores, n);
      return { ids: Uint32Array.from(top, (i) => hit[i]!), scores: Float32Array.from(top, (i) => hitScores[i]! / best) };
    },
  };
}

interface Vocabulary {
  /** Every folded word BM25 counts, by its Porter stem ("follows", "followed": "follow"), numbered. */
  wordIds: Map<string, number>;
  /** Each listed token's word, -1 where the token is not one whole word BM25 counts. */
  wordOfToken: Int32Array;
  /** The same for a literal's text, numbering a word not seen before. */
  wordOf(token: string): number;
}

function vocabulary(tokens: readonly string[]): Vocabulary {
  const wordIds = new Map<string, number>();
  const wordOf = (token: string) => {
    const [word, ...rest] = bm25Words(token);
    if (!word || rest.length || foldText(token.trimEnd()) !== word) return -1;
    const stem = stemmer(word);
    let id = wordIds.get(stem);
    if (id === undefined) wordIds.set(stem, (id = wordIds.size));
    return id;
  };
  return { wordIds, wordOfToken: Int32Array.from(tokens, wordOf), wordOf };
}

/** BM25 postings of every title's words, counted from its token codes. */
function postingsOf(texts: TitleTexts, { wordIds, wordOfToken, wordOf }: Vocabulary): Postings {
  const { count } = texts;
  // Each title's (word, count) pairs, title by title.
  let tf = new Uint16Array(wordIds.size + 1024);
  const touched: number[] = [];
  const pairStarts = new Uint32Array(count + 1);
  let pairWords = new Uint32Array(1 << 20);
  let pairCounts = new Uint16Array(1 << 20);
  const lengths = new Uint32Array(count);
  let pairs = 0;
  let id = 0;
  const use = (w: number) => {
    if (w < 0) return;
    if (w >= tf.length) tf = grow(tf, w + 1);
    if (tf[w] === 0) touched.push(w);
    tf[w]!++;
    lengths[id]!++;
  };
  const useToken = (token: number) => use(wordOfToken[token]!);
  const useLiteral = (literal: string) => use(wordOf(literal));
  for (; id < count; id++) {
    texts.forEachToken(id, useToken, useLiteral);
    if (pairs + touched.length > pairWords.length) {
      pairWords = grow(pairWords, pairs + touched.length);
      pairCounts = grow(pairCounts, pairs + touched.length);
    }
    for (const w of touched) {
      pairWords[pairs] = w;
      pairCounts[pairs++] = tf[w]!;
      tf[w] = 0;
    }
    touched.length = 0;
    pairStarts[id + 1] = pairs;
  }
  return bm25Postings(count, wordIds.size, lengths, (id, visit) => {
    for (let p = pairStarts[id]!; p < pairStarts[id + 1]!; p++) visit(pairWords[p]!, pairCounts[p]!);
  });
}

function grow<T extends Uint32Array | Uint16Array>(a: T, atLeast: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(Math.max(atLeast, a.length * 2));
  bigger.set(a);
  return bigger;
}
