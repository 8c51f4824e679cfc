import type { CatalogEntry } from '../catalog/record.ts';
import type { Neighbour } from '../vectors/exact.ts';
import { contentWords, explain, type Explanation } from './explain.ts';
import { isUnfiltered, matchesFilters, type Filters } from './filters.ts';
import { franchiseKey, sameFranchise } from './franchise.ts';

/** Nearest-neighbour search over the catalog's vectors (HNSW in practice). */
export interface VectorSearch {
  readonly count: number;
  /** Approximate k nearest, best first. */
  search(query: Float32Array, k: number): Neighbour[];
  /** Exact similarities of `query` to the given ids (all titles when null), best first, at most k. */
  scan(query: Float32Array, ids: ArrayLike<number> | null, k: number): Neighbour[];
  vector(id: number): Float32Array;
  /** A title's nearest neighbours precomputed at build time, best first, itself left out; absent when not built. */
  nearestOf?(id: number): ArrayLike<number>;
}

/** What ranking needs from the catalog. */
export interface CatalogAccess {
  entries(ids: number[]): CatalogEntry[];
  /** Ids that pass `filters`, at most `limit` of them (all when omitted). */
  filteredIds(filters: Filters, limit?: number): number[];
}

export interface RankedTitle {
  entry: CatalogEntry;
  score: number;
  why: Explanation;
}

export interface RankOptions {
  k: number;
  filters?: Filters;
  /** Never returned (the query titles themselves). */
  exclude?: number[];
  /** Words and genres to explain results against. */
  about?: { text: string; genres: string[] };
  /** Leave out titles of this series (a franchiseKey), e.g. the query's own sequels. */
  hideFranchise?: string[];
  /** 0 (default) to 1: how much popularity (votes) counts against similarity in the final order. */
  popularityBoost?: number;
  /** The query's precomputed nearest neighbours, best first (`VectorSearch.nearestOf`). */
  nearest?: ArrayLike<number>;
  /** Rank by an exact scan of every title: the reference the benchmark measures the index against. */
  exhaustive?: boolean;
}

/** Below this share of the catalog, an exact scan of the filtered ids beats over-fetching from HNSW. */
const EXACT_SCAN_SHARE = 0.1;

type Picked = { n: Neighbour; e: CatalogEntry }[];

/**
 * The one ranking routine: the worker and the query CLI both call it. A title's own
 * precomputed neighbours answer first when enough of them pass; otherwise unfiltered
 * queries go to HNSW, a selective filter is answered by an exact scan of the ids SQL
 * selects, and a broad one over-fetches from HNSW until k titles pass (hnswlib-wasm's
 * per-candidate filter callback is several times slower than either).
 */
export function rankByVector(vectors: VectorSearch, catalog: CatalogAccess, query: Float32Array, opts: RankOptions): RankedTitle[] {
  const filters = opts.filters ?? {};
  const unfiltered = isUnfiltered(filters) && !opts.hideFranchise;
  const excluded = new Set(opts.exclude);
  const keep = (n: Neighbour) => !excluded.has(n.id);
  const hide = opts.hideFranchise;
  const accept = (e: CatalogEntry) => matchesFilters(e, filters) && !(hide && sameFranchise(hide, franchiseKey(e.title)));
  const boost = Math.min(1, Math.max(0, opts.popularityBoost ?? 0));
  // Re-ranking by popularity needs candidates beyond the k most similar.
  const wanted = boost > 0 ? opts.k * 4 : opts.k;
  const passing = (hits: Neighbour[]): Picked => zip(hits, catalog.entries(hits.map((h) => h.id))).filter(({ e }) => unfiltered || accept(e));

  /** Exact scan of `ids` (all titles when null), widened to all of them if the first k do not pass. */
  const scanned = (ids: number[] | null): Picked => {
    const all = ids?.length ?? vectors.count;
    for (let k = wanted * 2 + excluded.size; ; k = all) {
      const picked = passing(vectors.scan(query, ids, k).filter(keep));
      if (picked.length >= wanted || k >= all) return picked;
    }
  };

  let picked: Picked | undefined;
  if (opts.exhaustive) {
    picked = scanned(isUnfiltered(filters) ? null : catalog.filteredIds(filters));
  } else if (opts.nearest && opts.nearest.length >= wanted) {
    // A prefix of the exact ranking stays one under any filter: if enough of it passes, that is the answer.
    const listed = Array.from(opts.nearest).filter((id) => !excluded.has(id));
    const candidates = unfiltered ? listed.slice(0, wanted) : listed;
    const fromList = passing(vectors.scan(query, candidates, candidates.length));
    if (fromList.length >= wanted) picked = fromList;
  }
  if (!picked && unfiltered) {
    picked = passing(vectors.search(query, wanted + excluded.size).filter(keep));
  } else if (!picked) {
    // One more than the exact-scan threshold tells a broad filter without listing all it admits.
    const threshold = Math.floor(vectors.count * EXACT_SCAN_SHARE) + excluded.size;
    const ids = isUnfiltered(filters) ? null : catalog.filteredIds(filters, threshold + 1).filter((id) => !excluded.has(id));
    if (ids && ids.length <= threshold - excluded.size) {
      picked = scanned(ids);
    } else {
      for (let fetch = wanted * 4; ; fetch *= 2) {
        picked = passing(vectors.search(query, Math.min(fetch, vectors.count)).filter(keep));
        if (picked.length >= wanted || fetch >= vectors.count) break;
      }
    }
  }
  picked = picked.slice(0, wanted);

  const words = contentWords(opts.about?.text ?? '');
  const genres = opts.about?.genres ?? [];
  const ranked = picked.map(({ n, e }) => ({ entry: e, score: boost ? (1 - boost) * n.score + boost * popularity(e.votes) : n.score, why: explain(words, genres, e, n.score) }));
  if (boost) ranked.sort((a, b) => b.score - a.score);
  return ranked.slice(0, opts.k);
}

/** Votes on a 0-1 scale: a million votes or more is 1. */
function popularity(votes: number | null): number {
  return Math.min(1, Math.log10(1 + (votes ?? 0)) / 6);
}

export interface SimilarOptions extends Omit<RankOptions, 'exclude' | 'about' | 'hideFranchise' | 'nearest'> {
  /** Leave out the title's own series (sequels, prequels, remakes of the same name). */
  hideOwnFranchise?: boolean;
}

/** Titles most like catalog title `id`, never the title itself. */
export function similarTo(vectors: VectorSearch, catalog: CatalogAccess, id: number, opts: SimilarOptions): RankedTitle[] {
  const [self] = catalog.entries([id]);
  if (!self) throw new Error(`no title with catalog id ${id}`);
  const { hideOwnFranchise, ...rest } = opts;
  return rankByVector(vectors, catalog, vectors.vector(id), {
    ...rest,
    hideFranchise: hideOwnFranchise ? franchiseKey(self.title) : undefined,
    nearest: vectors.nearestOf?.(id),
    exclude: [id],
    about: { text: `${self.title} ${self.overview ?? ''} ${self.tagline ?? ''}`, genres: self.genres },
  });
}

/**
 * Titles for someone who liked all of `ids`: ranked by the normalised mean of their
 * vectors, none of them returned. Explanations name the genres the liked titles share.
 */
export function recommendFrom(vectors: VectorSearch, catalog: CatalogAccess, ids: number[], opts: Omit<RankOptions, 'exclude' | 'about' | 'nearest'>): RankedTitle[] {
  const liked = catalog.entries([...new Set(ids)]);
  if (liked.length === 0) throw new Error('recommendFrom needs at least one title of the catalog');
  const centroid = new Float32Array(vectors.vector(liked[0]!.id).length);
  for (const e of liked) vectors.vector(e.id).forEach((x, i) => (centroid[i]! += x));
  const norm = Math.hypot(...centroid) || 1;
  const genres = liked[0]!.genres.filter((g) => liked.every((e) => e.genres.includes(g)));
  return rankByVector(vectors, catalog, centroid.map((x) => x / norm), {
    ...opts,
    exclude: liked.map((e) => e.id),
    about: { text: liked.map((e) => `${e.title} ${e.overview ?? ''}`).join(' '), genres },
  });
}

function zip(hits: Neighbour[], entries: CatalogEntry[]): { n: Neighbour; e: CatalogEntry }[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return hits.flatMap((n) => {
    const e = byId.get(n.id);
    return e ? [{ n, e }] : [];
  });
}
