/** Marks the end of a title's list when the catalog has fewer titles than list slots. */
export const NO_NEIGHBOUR = 0xffffffff;
/** Scores are kept in steps of 1/4096 (0 to 16): finer than any two neighbours differ in meaning. */
const SCORE_STEP = 4096;

/**
 * Every title's most related titles, ranked at build time (tools/artifacts/neighbourLists.ts)
 * by the relatedness formula (src/ranking/relatedness.ts): `perTitle` catalog ids per title,
 * best first, itself left out, each with its score. The catalog does not change between
 * builds, so "more like this" for a title is a lookup instead of a search.
 * File layout: little-endian uint32 ids, `count * perTitle` of them, title by title; then
 * as many uint16 scores in steps of 1/4096.
 */
export interface NeighbourLists {
  perTitle: number;
  of(id: number): { ids: Uint32Array; scores: Float32Array };
}

export function encodeNeighbourLists(ids: Uint32Array, scores: Float32Array): Uint8Array {
  const out = new Uint8Array(ids.length * 6);
  new Uint32Array(out.buffer, 0, ids.length).set(ids);
  new Uint16Array(out.buffer, ids.length * 4, ids.length).set(Array.from(scores, (s) => Math.round(Math.min(Math.max(s, 0), 65535 / SCORE_STEP) * SCORE_STEP)));
  return out;
}

export function readNeighbourLists(bytes: Uint8Array, count: number, perTitle: number): NeighbourLists {
  const slots = count * perTitle;
  if (bytes.byteLength !== slots * 6) {
    throw new Error(`neighbour lists hold ${bytes.byteLength} bytes, expected ${slots * 6} for ${count} titles of ${perTitle}`);
  }
  // Copied so the numbers are aligned whatever buffer the bytes came in.
  const ids = new Uint32Array(slots);
  new Uint8Array(ids.buffer).set(bytes.subarray(0, slots * 4));
  const steps = new Uint16Array(slots);
  new Uint8Array(steps.buffer).set(bytes.subarray(slots * 4));
  return {
    perTitle,
    of(id) {
      const list = ids.subarray(id * perTitle, (id + 1) * perTitle);
      const end = list.indexOf(NO_NEIGHBOUR);
      const n = end === -1 ? perTitle : end;
      return { ids: list.subarray(0, n), scores: Float32Array.from(steps.subarray(id * perTitle, id * perTitle + n), (s) => s / SCORE_STEP) };
    },
  };
}
