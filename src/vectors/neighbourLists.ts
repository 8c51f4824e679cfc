/** Marks the end of a title's list when the catalog has fewer titles than list slots. */
export const NO_NEIGHBOUR = 0xffffffff;
/** Scores are kept in steps of 1/4096 (0 to 8): finer than any two neighbours differ in meaning. */
const SCORE_STEP = 4096;
/** The top bit of a stored score: the neighbour is of the title's own series. */
const SAME_SERIES = 0x8000;
const MAX_STEPS = SAME_SERIES - 1;

/**
 * Every title's most related titles, ranked at build time (tools/artifacts/neighbourLists.ts)
 * by the relatedness formula (src/ranking/relatedness.ts): `perTitle` catalog ids per title,
 * best first, itself left out, each with its score and whether it is of the same series.
 * The catalog does not change between builds, so "more like this" for a title is a lookup
 * instead of a search.
 * File layout: little-endian uint32 ids, `count * perTitle` of them, title by title; then
 * as many uint16: the score in steps of 1/4096 below the top bit, the same series in it.
 */
export interface NeighbourLists {
  perTitle: number;
  of(id: number): { ids: Uint32Array; scores: Float32Array; sameSeries: Uint8Array };
}

export function encodeNeighbourLists(ids: Uint32Array, scores: Float32Array, sameSeries: Uint8Array): Uint8Array {
  const out = new Uint8Array(ids.length * 6);
  new Uint32Array(out.buffer, 0, ids.length).set(ids);
  const steps = new Uint16Array(out.buffer, ids.length * 4, ids.length);
  scores.forEach((s, i) => (steps[i] = Math.round(Math.min(Math.max(s * SCORE_STEP, 0), MAX_STEPS)) | (sameSeries[i] ? SAME_SERIES : 0)));
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
      const stored = steps.subarray(id * perTitle, id * perTitle + (end === -1 ? perTitle : end));
      return {
        ids: list.subarray(0, stored.length),
        scores: Float32Array.from(stored, (s) => (s & MAX_STEPS) / SCORE_STEP),
        sameSeries: Uint8Array.from(stored, (s) => s >> 15),
      };
    },
  };
}
