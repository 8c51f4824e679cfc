import { foldText } from '../catalog/foldText.ts';
import type { CatalogEntry } from '../catalog/record.ts';

export interface Explanation {
  /** Cosine similarity of the two embeddings, -1..1. */
  similarity: number;
  sharedGenres: string[];
  /** Content words the query and the result have in common, longest first. */
  sharedWords: string[];
}

const STOPWORDS = new Set(
  'a an and are as at be been but by for from has have he her his in into is it its of on or she that the their them they this to was were when which while who whom will with after about against all also before being between both can could does during each even ever every find finds first get gets more most must new now off one only other out over own same should some such than then there these through too two under until upon very what where would you your young life world years year story film movie'.split(' '),
);

export function contentWords(text: string | null): Set<string> {
  const words = new Set<string>();
  for (const w of foldText(text ?? '').split(/[^a-z0-9]+/)) {
    if (w.length >= 3 && !STOPWORDS.has(w)) words.add(w.endsWith('s') && w.length > 4 ? w.slice(0, -1) : w);
  }
  return words;
}

/** Why `result` came up for a query with these words and genres. */
export function explain(queryWords: Set<string>, queryGenres: string[], result: CatalogEntry, similarity: number, maxWords = 6): Explanation {
  const resultWords = contentWords(`${result.title} ${result.overview ?? ''} ${result.tagline ?? ''}`);
  const sharedWords = [...queryWords].filter((w) => resultWords.has(w)).sort((a, b) => b.length - a.length || a.localeCompare(b));
  return {
    similarity,
    sharedGenres: queryGenres.filter((g) => result.genres.includes(g)),
    sharedWords: sharedWords.slice(0, maxWords),
  };
}
