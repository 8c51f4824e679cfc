import { decodeCompactVectors, encodeCompactVectors, quantize } from '../../src/vectors/compactVectors.ts';
import { toMatrix } from '../../src/vectors/exact.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { RELATEDNESS, type RelatednessWeights } from '../../src/ranking/relatedness.ts';
import { buildHnswGraph, type HnswParams } from './hnswBuild.ts';
import { NEIGHBOURS_EF_SEARCH, NEIGHBOURS_PER_TITLE } from './neighbourLists.ts';
import { buildNeighbourListsInWorkers } from './neighbourListsInWorkers.ts';
import { chooseShortlist, graphRecall, groundTruth, type ShortlistChoice } from './recall.ts';

/** The build fails below this recall@10 (against exact float32), for the lists and for search. */
export const MIN_RECALL = 0.98;
/**
 * What `--shortlist auto` aims for. int8 itself tops out just under 0.99 (an exact int8 scan
 * of the 60k catalog: 0.9905), so the shortlist aims a little below that ceiling.
 */
export const TARGET_RECALL = 0.985;
export const SHORTLIST_LADDER = [100, 200, 400, 800, 1600, 3200];
const RECALL_QUERIES = 1000;

export interface VectorArtifactOptions {
  hnsw: HnswParams;
  /** The catalog's entries by id: the neighbour lists weigh their words, series and people too. */
  entries: CatalogEntry[];
  weights?: RelatednessWeights;
  /** Titles the sign-bit pass hands to int8 rescoring; `auto` (default): the smallest of SHORTLIST_LADDER reaching TARGET_RECALL. */
  shortlist?: number | 'auto';
  log?: (msg: string) => void;
}

export interface VectorArtifacts {
  /** vectors.i8 (src/vectors/compactVectors.ts). */
  index: Uint8Array;
  /** neighbours.bin (src/vectors/neighbourLists.ts). */
  neighbours: Uint8Array;
  search: ShortlistChoice & { recallQueries: number };
  /** `recall`: of the graph search proposing each list's candidates in meaning. */
  lists: { perTitle: number; recall: number; weights: RelatednessWeights };
  /** Seconds spent on each step. */
  seconds: { index: number; recall: number; neighbours: number };
}

/**
 * Float32 vectors -> what the app searches: the int8 vector file, and every title's
 * neighbour list, ranked by relatedness over candidates that include an HNSW graph's
 * nearest. The int8 search is measured as shipped (read back and searched by the app's own
 * code) and the graph search as the lists use it, both against exact float32 search, and
 * refused below MIN_RECALL.
 */
export async function buildVectorArtifacts(vectors: Float32Array[], dims: number, opts: VectorArtifactOptions): Promise<VectorArtifacts> {
  const log = opts.log ?? (() => {});
  const count = vectors.length;
  const since = (t: number) => Math.round((performance.now() - t) / 10) / 100;

  let t = performance.now();
  const graph = buildHnswGraph(vectors, dims, opts.hnsw);
  const indexSeconds = since(t);

  t = performance.now();
  const index = encodeCompactVectors(quantize(vectors, dims));
  const shipped = decodeCompactVectors(index, { count, dims });
  const matrix = toMatrix(vectors, dims);
  const truth = groundTruth(matrix, { queries: RECALL_QUERIES, k: 10, seed: opts.hnsw.seed });
  const ladder = typeof opts.shortlist === 'number' ? [opts.shortlist] : SHORTLIST_LADDER;
  const search = { ...chooseShortlist(shipped, matrix, truth, ladder, TARGET_RECALL), recallQueries: truth.queries.length };
  const recallSeconds = since(t);
  log(`vectors: int8, recall@10 ${search.recall.toFixed(4)} at shortlist ${search.shortlist} over ${truth.queries.length} queries (${search.curve.map((c) => `${c.shortlist}: ${c.recall.toFixed(4)} in ${c.msPerQuery.toFixed(2)} ms`).join(', ')})`);
  if (search.recall < MIN_RECALL) throw new Error(`recall@10 ${search.recall.toFixed(4)} of the int8 search is below ${MIN_RECALL}: raise --shortlist`);

  t = performance.now();
  const perTitle = Math.min(NEIGHBOURS_PER_TITLE, count - 1);
  const weights = opts.weights ?? RELATEDNESS;
  const recall = graphRecall(graph, matrix, truth, NEIGHBOURS_EF_SEARCH);
  if (recall < MIN_RECALL) throw new Error(`recall@10 ${recall.toFixed(4)} of the graph search for the neighbour lists is below ${MIN_RECALL}: raise --ef-construction or --m`);
  const neighbours = await buildNeighbourListsInWorkers({ index: graph, matrix, entries: opts.entries, weights }, perTitle, NEIGHBOURS_EF_SEARCH);
  log(`neighbours: ${perTitle} per title by relatedness; their graph search recall@10 ${recall.toFixed(4)} (efSearch ${NEIGHBOURS_EF_SEARCH})`);

  return { index, neighbours, search, lists: { perTitle, recall, weights }, seconds: { index: indexSeconds, recall: recallSeconds, neighbours: since(t) } };
}
