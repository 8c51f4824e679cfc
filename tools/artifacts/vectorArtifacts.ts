import { decodeCompactVectors, encodeCompactVectors, quantize } from '../../src/vectors/compactVectors.ts';
import { toMatrix } from '../../src/vectors/exact.ts';
import { readNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { buildHnswGraph, type HnswParams } from './hnswBuild.ts';
import { buildNeighbourLists, NEIGHBOURS_EF_SEARCH, NEIGHBOURS_PER_TITLE } from './neighbourLists.ts';
import { chooseShortlist, groundTruth, listRecall, type ShortlistChoice } from './recall.ts';

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
  lists: { perTitle: number; recall: number };
  /** Seconds spent on each step. */
  seconds: { index: number; recall: number; neighbours: number };
}

/**
 * Float32 vectors -> what the app searches: the int8 vector file, and every title's
 * neighbour list found in an HNSW graph. Both are measured as shipped (read back and
 * searched by the app's own code) against exact float32 search, and refused below MIN_RECALL.
 */
export function buildVectorArtifacts(vectors: Float32Array[], dims: number, opts: VectorArtifactOptions): VectorArtifacts {
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
  const neighbours = buildNeighbourLists(graph, matrix, perTitle, NEIGHBOURS_EF_SEARCH);
  const recall = listRecall(readNeighbourLists(neighbours, count, perTitle), matrix, truth);
  log(`neighbours: ${perTitle} per title, recall@10 ${recall.toFixed(4)} (efSearch ${NEIGHBOURS_EF_SEARCH})`);
  if (recall < MIN_RECALL) throw new Error(`recall@10 ${recall.toFixed(4)} of the neighbour lists is below ${MIN_RECALL}: raise --ef-construction or --m`);

  return { index, neighbours, search, lists: { perTitle, recall }, seconds: { index: indexSeconds, recall: recallSeconds, neighbours: since(t) } };
}
