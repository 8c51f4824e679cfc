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
  const termOf = new Map<string, number>();
  const docs = entries.map((e) => {
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
    return tf;
  });
  const lengths = Float64Array.from(docs, (tf) => [...tf.values()].reduce((a, b) => a + b, 0));
  const { df, starts, ids: postIds, weights: postWeights } = bm25Postings(count, termOf.size, lengths, (id, visit) => docs[id]!.forEach((f, t) => visit(t, f)));
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
      for (const t of docs[id]!.keys()) {
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
