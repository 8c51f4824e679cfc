import type { HierarchicalNSW } from 'hnswlib-node';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { recordFeatures, recordSignals, relatedness, type RecordFeatures, type RelatednessWeights } from '../../src/ranking/relatedness.ts';
import { dot } from '../../src/vectors/math.ts';
import type { VectorMatrix } from '../../src/vectors/exact.ts';
import { encodeNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { progressBar } from '../cli/progress.ts';
import { seriesNames } from './seriesNames.ts';
import { wordScores, type WordScores } from './wordScores.ts';

/**
 * Ids kept per title: the app's first screen of results (at 60k titles, 20 ids cost 2.4 MB
 * compressed against 4.8 MB for 40); further pages search the int8 vectors live.
 */
export const NEIGHBOURS_PER_TITLE = 20;
/** Search breadth for the lists: well above the app's, since this runs once per build. */
export const NEIGHBOURS_EF_SEARCH = 256;
/**
 * Candidates each signal proposes before all are scored together. At 60k titles the 100
 * nearest in meaning hold 86% of a title's TMDB-collection mates; with the 100 nearest in
 * words and the title's series, 94%.
 */
export const CANDIDATES = 100;
/** A series or person with more titles than this names no series (a common first word, a prolific actor). */
const MAX_GROUP = 100;

export interface NeighbourInputs {
  /** The HNSW graph over `matrix`, for the nearest in meaning. */
  index: HierarchicalNSW;
  matrix: VectorMatrix;
  /** The catalog's entries, by id. */
  entries: CatalogEntry[];
  weights: RelatednessWeights;
}

/** What lists are scored on besides the vectors, made once in each thread that builds lists. */
export interface ListSignals {
  words: WordScores;
  features: RecordFeatures[];
  groups: { of(id: number): number[] };
}

/** The lists of a range of titles starting at `from`, `perTitle` slots a title (unused ids 0xffffffff). */
export interface ListsPart {
  from: number;
  ids: Uint32Array;
  scores: Float32Array;
  series: Uint8Array;
}

export function listSignals(entries: CatalogEntry[]): ListSignals {
  const names = seriesNames(entries);
  const features = entries.map((e, id) => recordFeatures(e, names[id]));
  return { words: wordScores(entries), features, groups: groupsOf(features) };
}

/**
 * Every title's `perTitle` most related titles by the relatedness formula, itself left out,
 * with their scores and whether each is of the same series, as the app reads them (src/vectors/neighbourLists.ts). Candidates come
 * from each signal (meaning from the graph at a breadth the app could not afford per click,
 * words, series, people) and are scored on all of them. In this thread: see
 * `buildNeighbourListsInWorkers` for a large catalog.
 */
export function buildNeighbourLists(inputs: NeighbourInputs, perTitle: number, efSearch: number): Uint8Array {
  const { count } = inputs.matrix;
  const signals = listSignals(inputs.entries);
  inputs.index.setEf(Math.max(efSearch, candidatesOf(count)));
  const bar = progressBar('neighbours', count);
  const part = listsOf(inputs, signals, perTitle, 0, count, (done) => bar.update(done));
  bar.done(count);
  return encodeNeighbourLists(part.ids, part.scores, part.series);
}

/** How many candidates the graph proposes per title (its search breadth must be at least this). */
export const candidatesOf = (count: number) => Math.min(CANDIDATES + 1, count);

/** The lists of titles `from` to `to - 1` (the graph's breadth set by the caller). */
export function listsOf({ index, matrix, weights }: Omit<NeighbourInputs, 'entries'>, { words, features, groups }: ListSignals, perTitle: number, from: number, to: number, progress?: (done: number) => void): ListsPart {
  const { count, dims } = matrix;
  const n = to - from;
  const ids = new Uint32Array(n * perTitle).fill(0xffffffff);
  const scores = new Float32Array(n * perTitle);
  const series = new Uint8Array(n * perTitle);
  const k = candidatesOf(count);
  const vector = (id: number) => matrix.data.subarray(id * dims, (id + 1) * dims);
  for (let id = from; id < to; id++) {
    const own = features[id]!;
    const byWords = words.nearest(id, CANDIDATES);
    const wordScore = new Map(Array.from(byWords.ids, (o, i) => [o, byWords.scores[i]!]));
    const candidates = new Set<number>([...index.searchKnn(Array.from(vector(id)), k).neighbors, ...byWords.ids, ...groups.of(id)]);
    candidates.delete(id);
    const ranked = [...candidates]
      .map((o) => {
        const signals = recordSignals(own, features[o]!);
        return { id: o, score: relatedness(dot(vector(id), vector(o)), wordScore.get(o) ?? 0, signals, weights), series: signals.series };
      })
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, perTitle);
    const at = (id - from) * perTitle;
    ranked.forEach((r, i) => {
      ids[at + i] = r.id;
      scores[at + i] = r.score;
      series[at + i] = Number(r.series);
    });
    if (id % 500 === 0) progress?.(id);
  }
  return { from, ids, scores, series };
}

/** Titles of the same series (by title or a rare name) and titles sharing a director or leading actor, by id. */
function groupsOf(features: RecordFeatures[]): { of(id: number): number[] } {
  const byKey = new Map<string, number[]>();
  // sameFranchise: the same key, or a one-word key that starts the other.
  const keysOf = ({ series, seriesNames, people }: RecordFeatures) => [
    ...(series.length ? [`series:${series.join(' ')}`, `first:${series[0]}`] : []),
    ...Array.from(seriesNames, (n) => `name:${n}`),
    ...people.map((p) => `person:${p.name}`),
  ];
  features.forEach((f, id) => {
    for (const key of keysOf(f)) {
      const list = byKey.get(key);
      if (list) list.push(id);
      else byKey.set(key, [id]);
    }
  });
  return {
    of(id) {
      const { series } = features[id]!;
      const keys = keysOf(features[id]!).filter((key) => !key.startsWith('first:') || series.length === 1);
      // A two-word series also meets the one-word titles that start it ("Batman Begins", "Batman").
      if (series.length === 2) keys.push(`series:${series[0]}`);
      return keys.flatMap((key) => {
        const list = byKey.get(key) ?? [];
        return list.length <= MAX_GROUP ? list : [];
      });
    },
  };
}
