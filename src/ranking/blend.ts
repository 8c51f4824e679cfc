import { recommendFrom, type CatalogAccess, type RankedTitle, type RankOptions, type VectorSearch } from './similar.ts';

/** Whose likes a blended title comes from: the first list's, the second's, or both. */
export type CloseTo = 'first' | 'second' | 'both';

export interface BlendedTitle extends RankedTitle {
  closeTo: CloseTo;
}

/**
 * Recommendations for two people at once, fair to both whatever the length of their lists:
 * each list's own recommendations (recommendFrom, 2k deep) taken in turn, first the titles
 * both lists recommend (by their summed ranks), then one of the first's, one of the
 * second's, and so on. Neither person's liked titles are returned, nor `exclude` (the seen
 * titles of either, when the caller hides them).
 */
export function blend(vectors: VectorSearch, catalog: CatalogAccess, first: number[], second: number[], opts: Omit<RankOptions, 'about' | 'nearest'>): BlendedTitle[] {
  const exclude = [...first, ...second, ...(opts.exclude ?? [])];
  const deep = { ...opts, k: opts.k * 2, exclude };
  const recommended = (ids: number[]) => (ids.length ? recommendFrom(vectors, catalog, ids, deep) : []);
  const [a, b] = [recommended(first), recommended(second)];
  const rankIn = (list: RankedTitle[]) => new Map(list.map((r, i) => [r.entry.id, i]));
  const [inA, inB] = [rankIn(a), rankIn(b)];
  const taken = new Set<number>();
  const out: BlendedTitle[] = [];
  const take = (r: RankedTitle, closeTo: CloseTo) => {
    if (out.length >= opts.k || taken.has(r.entry.id)) return;
    taken.add(r.entry.id);
    out.push({ ...r, closeTo });
  };
  const both = a.filter((r) => inB.has(r.entry.id)).sort((x, y) => inA.get(x.entry.id)! + inB.get(x.entry.id)! - (inA.get(y.entry.id)! + inB.get(y.entry.id)!));
  for (const r of both) take(r, 'both');
  for (let i = 0; out.length < opts.k && (i < a.length || i < b.length); i++) {
    const [fromA, fromB] = [a[i], b[i]];
    if (fromA) take(fromA, 'first');
    if (fromB) take(fromB, 'second');
  }
  return out;
}
