import type { Neighbour } from './exact.ts';

/**
 * Positions of the `k` highest of `scores`, best first, leaving out position `skip`. A
 * min-heap of the best so far: most scores lose to its root at once, so a scan of the
 * whole catalog costs one comparison a title.
 */
export function topPositions(scores: Float32Array, k: number, skip = -1): Int32Array {
  k = Math.min(k, scores.length - (skip >= 0 && skip < scores.length ? 1 : 0));
  if (k <= 0) return new Int32Array(0);
  const heap = new Int32Array(k);
  let size = 0;
  const less = (a: number, b: number) => scores[a]! < scores[b]!;
  const siftDown = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let least = at;
      if (l < size && less(heap[l]!, heap[least]!)) least = l;
      if (r < size && less(heap[r]!, heap[least]!)) least = r;
      if (least === at) return;
      [heap[at], heap[least]] = [heap[least]!, heap[at]!];
      at = least;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    if (i === skip) continue;
    if (size < k) {
      let at = size++;
      heap[at] = i;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!less(heap[at]!, heap[parent]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (scores[i]! > scores[heap[0]!]!) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** The best `k` of `scores` as neighbours: `idAt(i)` names position i (itself when omitted). */
export function topNeighbours(scores: Float32Array, k: number, idAt?: (i: number) => number, skip = -1): Neighbour[] {
  return Array.from(topPositions(scores, k, skip), (i) => ({ id: idAt ? idAt(i) : i, score: scores[i]! }));
}
