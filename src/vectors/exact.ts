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
export function exactTopK(m: VectorMatrix, query: Float32Array, k: number, opts: { exclude?: number; candidates?: Iterable<number> } = {}): Neighbour[] {
  const top: Neighbour[] = [];
  const consider = (id: number) => {
    if (id === opts.exclude) return;
    const base = id * m.dims;
    let score = 0;
    for (let j = 0; j < m.dims; j++) score += m.data[base + j]! * query[j]!;
    if (top.length === k && score <= top[k - 1]!.score) return;
    let i = top.length === k ? k - 1 : top.length;
    while (i > 0 && top[i - 1]!.score < score) {
      top[i] = top[i - 1]!;
      i--;
    }
    top[i] = { id, score };
  };
  if (opts.candidates) for (const id of opts.candidates) consider(id);
  else for (let id = 0; id < m.count; id++) consider(id);
  return top;
}
