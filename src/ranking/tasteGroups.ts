import { sphericalKMeans } from '../vectors/kMeans.ts';
import { dot } from '../vectors/math.ts';
import { rankByVector, type CatalogAccess, type RankedTitle, type RankOptions, type RelatedList, type VectorSearch } from './similar.ts';

/**
 * A big history is several tastes: the mean of a thousand likes sits between them, near
 * none. Likes are grouped by meaning (spherical k-means over their vectors), and each group
 * gets its own recommendations, so a history of thrillers and animation gets a row of each.
 */
export const TASTE = {
  /** Fewer likes than this are one taste. */
  minLikes: 12,
  maxGroups: 6,
  /** A group smaller than this share of the likes is folded into its nearest neighbour. */
  minShare: 0.04,
  /** Liked titles a group's results are explained against: its most typical ones. */
  explainedBy: 8,
  /** A group's candidates are the build's related titles of this many of its most typical likes. */
  candidatesFrom: 100,
} as const;

export interface TasteGroup {
  /** Its liked titles, the most typical of the group first. */
  liked: number[];
  results: RankedTitle[];
}

/**
 * Recommendations for `ids` (liked titles), in groups of likes that are close in meaning,
 * largest first: `k` results for one group, half as many for each of several (rows of ten
 * read better than rows of twenty), none of them liked, excluded, or shown in an earlier
 * group. Deterministic: the same likes give the same groups.
 */
export function tasteGroups(vectors: VectorSearch, catalog: CatalogAccess, ids: number[], opts: Omit<RankOptions, 'about' | 'nearest'>): TasteGroup[] {
  const liked = [...new Set(ids)].sort((a, b) => a - b);
  if (liked.length === 0) return [];
  const points = liked.map((id) => vectors.vector(id));
  const wanted = liked.length < TASTE.minLikes ? 1 : Math.min(TASTE.maxGroups, Math.max(2, Math.round(Math.sqrt(liked.length / 3))));
  // A dozen likes and more: each group ranks the titles related to its likes (the build's
  // neighbour lists) by closeness to its centre, about 1 ms, where a search of the whole
  // catalog took 10 ms a group; too few of them, and rankByVector searches after all.
  const { centres, members } = sphericalKMeans(points, wanted, { minSize: Math.max(2, Math.ceil(liked.length * TASTE.minShare)) });
  const shown = new Set([...liked, ...(opts.exclude ?? [])]);
  const k = members.length === 1 ? opts.k : Math.ceil(opts.k / 2);
  return members
    .map((group, g) => ({ group, centre: centres[g]! }))
    .sort((a, b) => b.group.length - a.group.length || a.group[0]! - b.group[0]!)
    .map(({ group, centre }) => {
      const typical = group.map((i) => ({ i, s: dot(points[i]!, centre) })).sort((a, b) => b.s - a.s).map(({ i }) => liked[i]!);
      const about = catalog.entries(typical.slice(0, TASTE.explainedBy));
      const genres = about[0]?.genres.filter((g) => about.every((e) => e.genres.includes(g))) ?? [];
      const results = rankByVector(vectors, catalog, centre, {
        ...opts,
        k,
        exclude: [...shown],
        about: { text: about.map((e) => `${e.title} ${e.overview ?? ''}`).join(' '), genres },
        ...(liked.length >= TASTE.minLikes && { nearest: relatedTo(vectors, typical.slice(0, TASTE.candidatesFrom), centre, shown) }),
      });
      for (const r of results) shown.add(r.entry.id);
      return { liked: typical, results };
    });
}

/** The titles the build lists as related to any of `ids`, none of `skip`, by cosine to `centre`; undefined without lists. */
function relatedTo(vectors: VectorSearch, ids: number[], centre: Float32Array, skip: ReadonlySet<number>): RelatedList | undefined {
  if (!vectors.nearestOf) return undefined;
  const candidates = new Set<number>();
  for (const id of ids) for (const other of Array.from(vectors.nearestOf(id).ids)) if (!skip.has(other)) candidates.add(other);
  const scored = vectors.scan(centre, [...candidates], candidates.size);
  return { ids: scored.map((n) => n.id), scores: scored.map((n) => n.score) };
}
