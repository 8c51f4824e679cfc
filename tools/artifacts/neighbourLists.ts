import type { HierarchicalNSW } from 'hnswlib-node';
import type { VectorMatrix } from '../../src/vectors/exact.ts';
import { NO_NEIGHBOUR } from '../../src/vectors/neighbourLists.ts';
import { progressBar } from '../cli/progress.ts';

/**
 * Ids kept per title: the app's first screen of results (at 60k titles, 20 ids cost 2.4 MB
 * compressed against 4.8 MB for 40); further pages search the int8 vectors live.
 */
export const NEIGHBOURS_PER_TITLE = 20;
/** Search breadth for the lists: well above the app's, since this runs once per build. */
export const NEIGHBOURS_EF_SEARCH = 256;

/**
 * Every title's `perTitle` nearest neighbours, itself left out, as the app reads them
 * (src/vectors/neighbourLists.ts). Searched in the native graph at a breadth the app could
 * not afford per click; recall is measured against exact search like the index's own.
 */
export function buildNeighbourLists(index: HierarchicalNSW, m: VectorMatrix, perTitle: number, efSearch: number): Uint8Array {
  const lists = new Uint32Array(m.count * perTitle).fill(NO_NEIGHBOUR);
  const k = Math.min(perTitle + 1, m.count);
  index.setEf(Math.max(efSearch, k));
  const bar = progressBar('neighbours', m.count);
  for (let id = 0; id < m.count; id++) {
    const { neighbors } = index.searchKnn(Array.from(m.data.subarray(id * m.dims, (id + 1) * m.dims)), k);
    // Usually the title itself comes first; a duplicate vector may outrank it, so drop it by id.
    const others = neighbors.filter((n) => n !== id).slice(0, perTitle);
    lists.set(others, id * perTitle);
    if (id % 500 === 0) bar.update(id);
  }
  bar.done(m.count);
  return new Uint8Array(lists.buffer);
}
