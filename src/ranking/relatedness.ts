import type { CatalogEntry, Credit } from '../catalog/record.ts';
import { franchiseKey, sameFranchise } from './franchise.ts';

/**
 * How much each signal counts in "more like this". MiniLM hears what a story is about but
 * barely hears names, so a title's own series often ranks below films merely like it:
 * names shared in the text (BM25, tools/artifacts/wordScores.ts), the title's series, the
 * people who made it, its genres and its language add what meaning misses. The build ranks
 * every title's neighbour list by this formula and writes the weights into the manifest.
 *
 *   relatedness = meaning * cosine + words * bm25 / bm25(title with itself)
 *               + series * [same series] + people * shared people (0-1)
 *               + genres * genre Jaccard + language * [same original language]
 */
export interface RelatednessWeights {
  meaning: number;
  words: number;
  series: number;
  people: number;
  genres: number;
  language: number;
}

export const RELATEDNESS: RelatednessWeights = { meaning: 1, words: 1, series: 0.3, people: 0.3, genres: 0.2, language: 0.1 };

/** The signals two titles' records give without any index: everything but meaning and words. */
export interface RecordSignals {
  /** The same series: by title key, or (in the build) by a rare name both share. */
  series: boolean;
  /** 0-1: a shared director counts 1, a shared leading actor one half. */
  people: number;
  sharedPeople: Credit[];
  genres: number;
  language: boolean;
}

/** Actors billed this high count as leading. */
const LEADING_CAST = 5;

/** What a title's record brings to relatedness, worked out once per title. */
export interface RecordFeatures {
  series: string[];
  /**
   * Ids of the rare names that tie the title to its series, sorted: found by the build over
   * the whole catalog (tools/artifacts/seriesNames.ts), which the app has not; empty there.
   */
  seriesNames: ArrayLike<number>;
  people: Credit[];
  genres: string[];
  language: string | null;
}

export function recordFeatures(e: CatalogEntry, seriesNames: ArrayLike<number> = []): RecordFeatures {
  return { series: franchiseKey(e.title), seriesNames, people: keyPeople(e), genres: e.genres, language: e.language };
}

export function recordSignals(a: RecordFeatures, b: RecordFeatures): RecordSignals {
  const sharedPeople = b.people.length && a.people.length ? b.people.filter((p) => a.people.some((q) => q.name === p.name && q.role === p.role)) : [];
  return {
    series: sameFranchise(a.series, b.series) || shareAny(a.seriesNames, b.seriesNames),
    people: Math.min(1, sharedPeople.reduce((sum, p) => sum + (p.role === 'crew' ? 1 : 0.5), 0)),
    sharedPeople,
    genres: jaccard(a.genres, b.genres),
    language: a.language !== null && a.language === b.language,
  };
}

export function relatedness(cosine: number, words: number, s: RecordSignals, w: RelatednessWeights = RELATEDNESS): number {
  return w.meaning * cosine + w.words * words + w.series * Number(s.series) + w.people * s.people + w.genres * s.genres + w.language * Number(s.language);
}

/** Directors and leading actors: the people a viewer picks a film by. */
export function keyPeople(e: CatalogEntry): Credit[] {
  let cast = 0;
  return e.credits.filter((c) => (c.role === 'crew' ? c.job === 'Director' : cast++ < LEADING_CAST));
}

/** Whether two sorted id lists share an id. */
function shareAny(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) return true;
    if (a[i]! < b[j]!) i++;
    else j++;
  }
  return false;
}

function jaccard(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 0;
  const shared = a.filter((g) => b.includes(g)).length;
  return shared / (a.length + b.length - shared);
}
