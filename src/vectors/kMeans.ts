import { seededRandom } from './seededRandom.ts';

export interface KMeansOptions {
  /** Groups smaller than this are dissolved into the others at the end. */
  minSize?: number;
  iterations?: number;
  /** Fresh starts; the grouping whose points lie closest to their centres wins. */
  restarts?: number;
  /** The starts run on at most this many points (an even spread of them); all are assigned at the end. */
  sample?: number;
}

/**
 * k-means on the unit sphere: each point to the centre of greatest cosine, each centre the
 * normalised mean of its points. One start can settle on a poor grouping (two tastes
 * mixed in one group, one taste split in two), so it starts several times from seeded
 * k-means++ centres (a fixed generator: the same points give the same groups) and keeps the
 * best. Returns the centres and each group's point indices.
 */
export function sphericalKMeans(points: Float32Array[], k: number, options: KMeansOptions = {}): { centres: Float32Array[]; members: number[][] } {
  const { minSize = 1, iterations = 10, restarts = 3, sample = 128 } = options;
  const step = Math.max(1, points.length / sample);
  const sampled = Array.from({ length: Math.min(points.length, sample) }, (_, i) => points[Math.floor(i * step)]!);
  const random = seededRandom(points.length * 7919 + k);
  let best: { centres: Float32Array[]; fit: number } | undefined;
  for (let r = 0; r < restarts; r++) {
    const centres = refine(sampled, initialCentres(sampled, k, random), iterations);
    const fit = fitOf(sampled, centres);
    if (!best || fit > best.fit) best = { centres, fit };
  }
  // Every point, then the groups big enough to keep, and their centres once more.
  let centres = refine(points, best!.centres, 1);
  let assigned = assign(points, centres);
  const kept = centres.filter((_, c) => assigned.filter((a) => a === c).length >= minSize);
  if (kept.length < centres.length) {
    centres = kept.length ? refine(points, kept, 1) : [meanOf(points, new Int32Array(points.length), 0)!];
    assigned = assign(points, centres);
  }
  return { centres, members: centres.map((_, c) => points.map((_, i) => i).filter((i) => assigned[i] === c)) };
}

/** k-means++: each next centre is a point drawn with probability by its squared distance to the nearest centre so far. */
function initialCentres(points: Float32Array[], k: number, random: () => number): Float32Array[] {
  const centres = [normalised(points[Math.floor(random() * points.length)]!)];
  const nearest = new Float64Array(points.length).fill(Infinity);
  while (centres.length < Math.min(k, points.length)) {
    let total = 0;
    points.forEach((p, i) => {
      nearest[i] = Math.max(0, Math.min(nearest[i]!, 2 - 2 * dot(p, centres.at(-1)!)));
      total += nearest[i]!;
    });
    let r = random() * total;
    let next = 0;
    while (next < points.length - 1 && (r -= nearest[next]!) > 0) next++;
    centres.push(normalised(points[next]!));
  }
  return centres;
}

/** Lloyd's rounds until no point moves; a centre left without points stays where it was. */
function refine(points: Float32Array[], start: Float32Array[], iterations: number): Float32Array[] {
  let centres = start;
  let assigned: Int32Array | undefined;
  for (let round = 0; round < iterations; round++) {
    const next = assign(points, centres);
    const moved = !assigned || next.some((c, i) => c !== assigned![i]);
    assigned = next;
    centres = centres.map((old, c) => meanOf(points, next, c) ?? old);
    if (!moved) break;
  }
  return centres;
}

function assign(points: Float32Array[], centres: Float32Array[]): Int32Array {
  const assigned = new Int32Array(points.length);
  points.forEach((p, i) => {
    let bestScore = -Infinity;
    centres.forEach((c, j) => {
      const s = dot(p, c);
      if (s > bestScore) (bestScore = s), (assigned[i] = j);
    });
  });
  return assigned;
}

/** How close points lie to their centres: the sum of each one's best cosine. */
function fitOf(points: Float32Array[], centres: Float32Array[]): number {
  return points.reduce((sum, p) => sum + Math.max(...centres.map((c) => dot(p, c))), 0);
}

function meanOf(points: Float32Array[], assigned: Int32Array, c: number): Float32Array | undefined {
  const sum = new Float32Array(points[0]!.length);
  let n = 0;
  points.forEach((p, i) => {
    if (assigned[i] !== c) return;
    n++;
    for (let d = 0; d < sum.length; d++) sum[d]! += p[d]!;
  });
  return n ? normalised(sum) : undefined;
}

/** The dot product, four sums side by side: k-means spends its time here (about twice as fast as one sum). */
function dot(a: Float32Array, b: Float32Array): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
  const n = a.length - (a.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (let i = n; i < a.length; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + s2 + s3;
}

export function normalised(v: Float32Array): Float32Array {
  let squares = 0;
  for (const x of v) squares += x * x;
  const norm = Math.sqrt(squares) || 1;
  return v.map((x) => x / norm);
}
