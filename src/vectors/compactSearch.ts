import type { VectorSearch } from '../ranking/similar.ts';
import { dequantize, type CompactVectors } from './compactVectors.ts';
import type { NeighbourLists } from './neighbourLists.ts';
import { topNeighbours, topPositions } from './topK.ts';

export interface CompactSearchOptions {
  /** Titles the sign-bit pass hands to the int8 rescoring (chosen at build time for recall). */
  shortlist: number;
  lists?: NeighbourLists;
}

/**
 * The catalog's vectors for the ranking module, held as int8 (src/vectors/compactVectors.ts).
 * A search first scores every title by the signs of its vector against the float query
 * (48 bytes a title at 384 dimensions, through lookup tables), then rescores the best
 * `shortlist` of them with the int8 codes. The full pass costs about 4 ms at 60k titles and
 * needs no graph in the download; "more like this" is answered by the neighbour lists.
 */
export function compactSearch(v: CompactVectors, opts: CompactSearchOptions): VectorSearch {
  const { count, dims } = v;
  if (dims % 32 !== 0) throw new Error(`compact search needs a multiple of 32 dimensions, not ${dims}`);
  // Only searches read the signs ("more like this" reads the lists): not made while the app loads.
  let signs: Uint32Array | undefined;
  const signsOf = () => (signs ??= signBits(v));
  const scan = (query: Float32Array, ids: ArrayLike<number> | null, k: number) => topNeighbours(scoreCodes(v, query, ids), k, ids ? (i) => ids[i]! : undefined);
  return {
    count,
    vector: (id) => dequantize(v, id),
    search(query, k, only) {
      const wanted = Math.max(opts.shortlist, 4 * k);
      // A shortlist of a quarter of the catalog saves too little over scanning it all.
      if (wanted * 4 >= count) return scan(query, only ? admitted(count, only) : null, k);
      const scores = scoreSigns(signsOf(), dims, count, query, only);
      const shortlist = topPositions(scores, wanted);
      return scan(query, only ? shortlist.filter((id) => scores[id] !== -Infinity) : shortlist, k);
    },
    scan,
    nearestOf: opts.lists && ((id) => opts.lists!.of(id)),
    prepare: () => void signsOf(),
  };
}

/** One bit a dimension, set where the code is positive, packed in 32-bit words: `dims / 32` a title. */
function signBits({ count, dims, codes }: CompactVectors): Uint32Array {
  const words = new Uint32Array((count * dims) / 32);
  for (let w = 0; w < words.length; w++) {
    let bits = 0;
    for (let t = 0; t < 32; t++) if (codes[w * 32 + t]! > 0) bits |= 1 << t;
    words[w] = bits;
  }
  return words;
}

/**
 * Each title's sum of the query's components where its own are positive: its dot product
 * with the title's sign vector, up to a constant. Per byte of signs a 256-entry table holds
 * every sum of its 8 components, so a title costs dims / 8 lookups, four summed side by side
 * (about 3x faster than one running sum).
 */
function scoreSigns(signs: Uint32Array, dims: number, count: number, query: Float32Array, only?: (id: number) => boolean): Float32Array {
  const table = new Float32Array((dims / 8) * 256);
  for (let p = 0; p < dims / 8; p++) {
    const at = p * 256;
    // Each sum is a smaller one (its lowest bit cleared) plus that bit's component.
    for (let b = 1; b < 256; b++) table[at + b] = table[at + (b & (b - 1))]! + query[p * 8 + 31 - Math.clz32(b & -b)]!;
  }
  const perTitle = dims / 32;
  const scores = new Float32Array(count);
  for (let id = 0, base = 0; id < count; id++, base += perTitle) {
    // A title the filter refuses scores lowest: it is shortlisted only if too few pass, and the caller drops it.
    if (only && !only(id)) {
      scores[id] = -Infinity;
      continue;
    }
    let a = 0, b = 0, c = 0, d = 0; // prettier-ignore
    for (let w = 0, at = 0; w < perTitle; w++, at += 1024) {
      const x = signs[base + w]!;
      a += table[at + (x & 255)]!;
      b += table[at + 256 + ((x >>> 8) & 255)]!;
      c += table[at + 512 + ((x >>> 16) & 255)]!;
      d += table[at + 768 + (x >>> 24)]!;
    }
    scores[id] = a + b + c + d;
  }
  return scores;
}

/** Dot products of the float query with the int8 vectors of `ids` (all titles when null). */
function scoreCodes({ count, dims, scales, codes }: CompactVectors, query: Float32Array, ids: ArrayLike<number> | null): Float32Array {
  // The scales fold into the query once, so each title costs one multiply-add a dimension.
  const q = new Float32Array(dims);
  for (let j = 0; j < dims; j++) q[j] = query[j]! * scales[j]!;
  const n = ids ? ids.length : count;
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const base = (ids ? ids[i]! : i) * dims;
    let a = 0, b = 0, c = 0, d = 0; // prettier-ignore
    for (let j = 0; j < dims; j += 4) {
      a += codes[base + j]! * q[j]!;
      b += codes[base + j + 1]! * q[j + 1]!;
      c += codes[base + j + 2]! * q[j + 2]!;
      d += codes[base + j + 3]! * q[j + 3]!;
    }
    scores[i] = a + b + c + d;
  }
  return scores;
}

function admitted(count: number, only: (id: number) => boolean): number[] {
  const ids: number[] = [];
  for (let id = 0; id < count; id++) if (only(id)) ids.push(id);
  return ids;
}
