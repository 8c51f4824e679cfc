import { topNeighbours } from './topK.ts';

/** Vectors stored row after row in one Float32Array: cache-friendly for exact scans. */
export interface VectorMatrix {
  data: Float32Array;
  dims: number;
  count: number;
}

export interface Neighbour {
  id: number;
  /** Cosine similarity (the vectors are L2-normalised). */
  score: number;
}

export function toMatrix(vectors: Float32Array[], dims: number): VectorMatrix {
  const data = new Float32Array(vectors.length * dims);
  vectors.forEach((v, i) => data.set(v, i * dims));
  return { data, dims, count: vectors.length };
}

/**
 * Exact top-k by cosine similarity over `candidates` (all rows when omitted), best first.
 * The ground truth for recall, and the fast path when a filter leaves few candidates.
 */
export function exactTopK(m: VectorMatrix, query: Float32Array, k: number, opts: { exclude?: number; candidates?: ArrayLike<number> } = {}): Neighbour[] {
  const { candidates, exclude } = opts;
  if (m.dims % 4 !== 0) throw new Error(`exact search needs a multiple of 4 dimensions, not ${m.dims}`);
  const scores = candidates ? scoreRows(m, query, candidates) : scoreAllRows(m, query);
  const skip = exclude === undefined ? -1 : candidates ? Array.prototype.indexOf.call(candidates, exclude) : exclude;
  return topNeighbours(scores, k, candidates && ((i) => candidates[i]!), skip);
}

// The hot path of every exact scan: flat, four lanes at a time (so dims must be a multiple
// of 4), one loop per kind of input. Measured in V8 on 60k x 384: 28 ms a scan like this,
// 45-48 ms with the dot product in a helper, a tail loop for odd dims, or one loop
// branching per row on "all rows or these ids".

function scoreAllRows({ data, dims, count }: VectorMatrix, query: Float32Array): Float32Array {
  const scores = new Float32Array(count);
  for (let id = 0; id < count; id++) {
    const base = id * dims;
    let a = 0, b = 0, c = 0, d = 0; // prettier-ignore
    for (let j = 0; j < dims; j += 4) {
      a += data[base + j]! * query[j]!;
      b += data[base + j + 1]! * query[j + 1]!;
      c += data[base + j + 2]! * query[j + 2]!;
      d += data[base + j + 3]! * query[j + 3]!;
    }
    scores[id] = a + b + c + d;
  }
  return scores;
}

function scoreRows({ data, dims }: VectorMatrix, query: Float32Array, ids: ArrayLike<number>): Float32Array {
  const scores = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const base = ids[i]! * dims;
    let a = 0, b = 0, c = 0, d = 0; // prettier-ignore
    for (let j = 0; j < dims; j += 4) {
      a += data[base + j]! * query[j]!;
      b += data[base + j + 1]! * query[j + 1]!;
      c += data[base + j + 2]! * query[j + 2]!;
      d += data[base + j + 3]! * query[j + 3]!;
    }
    scores[i] = a + b + c + d;
  }
  return scores;
}
