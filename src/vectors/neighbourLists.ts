/** Marks the end of a title's list when the catalog has fewer titles than list slots. */
export const NO_NEIGHBOUR = 0xffffffff;

/**
 * Every title's nearest neighbours, computed at build time (tools/artifacts/neighbourLists.ts):
 * `perTitle` catalog ids per title, best first, itself left out. The catalog does not change
 * between builds, so "more like this" for a title is a lookup instead of a graph search.
 * File layout: little-endian uint32, `count * perTitle` of them, title by title.
 */
export interface NeighbourLists {
  perTitle: number;
  of(id: number): Uint32Array;
}

export function readNeighbourLists(bytes: Uint8Array, count: number, perTitle: number): NeighbourLists {
  if (bytes.byteLength !== count * perTitle * 4) {
    throw new Error(`neighbour lists hold ${bytes.byteLength} bytes, expected ${count * perTitle * 4} for ${count} titles of ${perTitle}`);
  }
  // Copied so the ids are 4-byte aligned whatever buffer the bytes came in.
  const ids = new Uint32Array(count * perTitle);
  new Uint8Array(ids.buffer).set(bytes);
  return {
    perTitle,
    of(id) {
      const list = ids.subarray(id * perTitle, (id + 1) * perTitle);
      const end = list.indexOf(NO_NEIGHBOUR);
      return end === -1 ? list : list.subarray(0, end);
    },
  };
}
