import { bm25Postings, bm25Words } from '../../src/catalog/bm25.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { topPositions } from '../../src/vectors/topK.ts';

/** A title word counts as this many words of overview: names in titles are what series share. */
const TITLE_WEIGHT = 3;
/**
 * Words in more than this share of titles carry no name and cost the most to look up; they
 * are left out of the queries (not of the documents' lengths).
 */
const COMMON_SHARE = 0.05;

export interface WordScores {
  /**
   * The `n` titles that share the most distinctive words with title `id` (itself left out),
   * best first, each with its BM25 score over the title's own: 1 for the same words.
   */
  nearest(id: number, n: number): { ids: Uint32Array; scores: Float32Array };
}

/**
 * BM25 over each title's title, overview and tagline, with every title's own text as the
 * query: where MiniLM hears the story, this hears the names ("Ethan Hunt", "Hogwarts").
 * Postings hold precomputed weights, so a title costs the postings of its rarer words.
 */
export function wordScores(entries: CatalogEntry[]): WordScores {
  const count = entries.length;
  const { terms, termStarts, termCounts, words } = termsOf(entries);
  const lengths = new Float64Array(count);
  for (let id = 0; id < count; id++) for (let i = termStarts[id]!; i < termStarts[id + 1]!; i++) lengths[id]! += termCounts[i]!;
  const { df, starts, ids: postIds, weights: postWeights } = bm25Postings(count, words, lengths, (id, visit) => {
    for (let i = termStarts[id]!; i < termStarts[id + 1]!; i++) visit(terms[i]!, termCounts[i]!);
  });
  const common = Math.max(2, COMMON_SHARE * count);
  const weightIn = (t: number, id: number) => {
    // Postings are in id order: a binary search finds the title's own weight.
    let lo = starts[t]!;
    let hi = starts[t + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (postIds[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return postWeights[lo]!;
  };

  const acc = new Float32Array(count);
  const touched: number[] = [];
  return {
    nearest(id, n) {
      let self = 0;
      for (let i = termStarts[id]!; i < termStarts[id + 1]!; i++) {
        const t = terms[i]!;
        if (df[t]! > common) continue;
        self += weightIn(t, id);
        for (let p = starts[t]!; p < starts[t + 1]!; p++) {
          const other = postIds[p]!;
          if (acc[other] === 0) touched.push(other);
          acc[other]! += postWeights[p]!;
        }
      }
      const touchedScores = Float32Array.from(touched, (o) => acc[o]!);
      const best = topPositions(touchedScores, n, touched.indexOf(id));
      for (const o of touched) acc[o] = 0;
      const result = { ids: Uint32Array.from(best, (i) => touched[i]!), scores: Float32Array.from(best, (i) => (self > 0 ? touchedScores[i]! / self : 0)) };
      touched.length = 0;
      return result;
    },
  };
}

/**
 * Each title's distinct words (as numbers, in the order they first appear) and how often,
 * title words counted TITLE_WEIGHT times, in flat arrays: a Map per title held about 1 KB
 * more, for as long as the scores are used.
 */
function termsOf(entries: CatalogEntry[]): { terms: Uint32Array; termStarts: Uint32Array; termCounts: Uint32Array; words: number } {
  const termOf = new Map<string, number>();
  const terms: number[] = [];
  const termCounts: number[] = [];
  const termStarts = new Uint32Array(entries.length + 1);
  entries.forEach((e, id) => {
    const tf = new Map<number, number>();
    const add = (text: string | null, weight: number) => {
      for (const w of bm25Words(text)) {
        let t = termOf.get(w);
        if (t === undefined) termOf.set(w, (t = termOf.size));
        tf.set(t, (tf.get(t) ?? 0) + weight);
      }
    };
    add(e.title, TITLE_WEIGHT);
    add(e.overview, 1);
    add(e.tagline, 1);
    for (const [t, n] of tf) {
      terms.push(t);
      termCounts.push(n);
    }
    termStarts[id + 1] = terms.length;
  });
  return { terms: Uint32Array.from(terms), termStarts, termCounts: Uint32Array.from(termCounts), words: termOf.size };
}
