import type { CatalogEntry } from '../catalog/record.ts';
import type { Neighbour } from '../vectors/exact.ts';
import { contentWords, explain, type Explanation, type TitleWords, type WordRank } from './explain.ts';
import { isUnfiltered, matchesFilters, type Filters } from './filters.ts';
import { franchiseKey, sameFranchise } from './franchise.ts';
import { boostedScore } from './popularity.ts';
import { recordFeatures, recordSignals } from './relatedness.ts';

/** Nearest-neighbour search over the catalog's vectors (src/vectors/compactSearch.ts in practice). */
export interface VectorSearch {
  readonly count: number;
  /** Approximate k nearest, best first; only titles `only` admits when given. */
  search(query: Float32Array, k: number, only?: (id: number) => boolean): Neighbour[];
  /** Exact similarities of `query` to the given ids (all titles when null), best first, at most k. */
  scan(query: Float32Array, ids: ArrayLike<number> | null, k: number): Neighbour[];
  vector(id: number): Float32Array;
  /** A title's most related titles ranked at build time, best first, itself left out; absent when not built. */
  nearestOf?(id: number): RelatedList;
  /** Makes now what the first search would otherwise make (for idle time after loading). */
  prepare?(): void;
}

/** Ids with their relatedness (src/ranking/relatedness.ts), best first. */
export interface RelatedList {
  ids: ArrayLike<number>;
  scores: ArrayLike<number>;
  /** 1 where the title is of the query's own series, as the build found it by title or a rare shared name. */
  sameSeries?: ArrayLike<number>;
}

/** What ranking needs from the catalog. */
export interface CatalogAccess {
  /** The entries of `ids` that exist, in the order of `ids`; any number of ids. */
  entries(ids: number[]): CatalogEntry[];
  /** Ids that pass `filters`, at most `limit` of them (all when omitted). */
  filteredIds(filters: Filters, limit?: number): number[];
  /** A test of ids against `filters` that reads no entry (src/catalog/filterColumns.ts). */
  admits(filters: Filters): (id: number) => boolean;
  /** How common a word is in the catalog's texts, for the reasons' distinctive words. */
  wordRank?: WordRank;
  /** A title's words for its reasons, when the catalog has a faster way than splitting its text (explain.ts). */
  titleWords?: TitleWords;
  /** Titles by BM25 of `text` over their overviews and taglines (src/catalog/textSearch.ts), scores 0 to about 1. */
  searchText?(text: string, n: number): RelatedList;
  /** A title's votes, null when unknown (src/catalog/votes.ts). */
  votes(id: number): number | null;
  /** The `n` titles with the most votes, most first. */
  mostVoted(n: number): ArrayLike<number>;
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
  /** Words and genres to explain results against, and the query's record when it is a title. */
  about?: { text: string; genres: string[]; entry?: CatalogEntry };
  /** Leave out titles of this series (a franchiseKey), e.g. the query's own sequels. */
  hideFranchise?: string[];
  /** 0 (default) to 1: how much popularity (votes) counts against similarity in the final order. */
  popularityBoost?: number;
  /** How many of the most similar titles popularity chooses from: 4k by default. */
  candidates?: number;
  /** The query's most related titles, ranked at build time (`VectorSearch.nearestOf`). */
  nearest?: RelatedList;
  /** Rank by a scan of every title: the reference the benchmark measures the served path against. */
  exhaustive?: boolean;
}

/** Below this share of the catalog, an exact scan of the filtered ids beats the search; a search for more titles than this scans instead. */
const EXACT_SCAN_SHARE = 0.1;
/**
 * Entries are read at most this many at a time: enough for a neighbour list or a
 * search's shortlist in one read, while a scan of a whole broad filter reads only as far as it must.
 */
const ENTRY_PAGE = 512;

/** Titles chosen, with their ranking score: similarity, or relatedness when from a neighbour list. */
type Picked = { n: Neighbour; e: CatalogEntry }[];

/** One ranking request, as every strategy below needs it. */
interface RankRequest {
  vectors: VectorSearch;
  catalog: CatalogAccess;
  query: Float32Array;
  filters: Filters;
  k: number;
  /** How many titles to pick: k, or more when popularity reorders them afterwards. */
  wanted: number;
  excluded: Set<number>;
  /** No filter and no hidden series: every title but the excluded ones passes. */
  open: boolean;
  /** The filters, tested on ids: what fails is never read. */
  admits(id: number): boolean;
  /** No hidden series: what `admits` lets through passes. */
  admitsAll: boolean;
  /** The filters and the hidden series, tested on entries. */
  passes(e: CatalogEntry): boolean;
}

/**
 * The one ranking routine: the worker and the query CLI both call it. A title's own
 * precomputed neighbours answer first when enough of them pass; otherwise unfiltered
 * queries go to the vector search, a selective filter is answered by an exact scan of the
 * ids it admits, and a broad one by the vector search over the titles it admits.
 */
export function rankByVector(vectors: VectorSearch, catalog: CatalogAccess, query: Float32Array, opts: RankOptions): RankedTitle[] {
  const req = request(vectors, catalog, query, opts);
  const listed = !opts.exhaustive && opts.nearest ? fromNeighbourList(req, opts.nearest) : undefined;
  if (listed) return rank(listed, opts, catalog, (shown) => meaningOf(vectors, query, shown));
  const picked = opts.exhaustive ? exactScan(req, isUnfiltered(req.filters) ? null : catalog.filteredIds(req.filters)) : pick(req);
  return rank(picked, opts, catalog);
}

function request(vectors: VectorSearch, catalog: CatalogAccess, query: Float32Array, opts: RankOptions): RankRequest {
  const filters = opts.filters ?? {};
  const hide = opts.hideFranchise;
  return {
    vectors,
    catalog,
    query,
    filters,
    // Re-ranking by popularity needs candidates beyond the k most similar.
    k: opts.k,
    wanted: boostOf(opts) > 0 ? Math.max(opts.k * 4, opts.candidates ?? 0) : opts.k,
    excluded: new Set(opts.exclude),
    open: isUnfiltered(filters) && !hide,
    admits: isUnfiltered(filters) ? () => true : catalog.admits(filters),
    admitsAll: !hide,
    passes: (e) => matchesFilters(e, filters) && !(hide && sameFranchise(hide, franchiseKey(e.title))),
  };
}

function pick(req: RankRequest): Picked {
  if (req.open) return fromIndex(req);
  const selected = selectiveIds(req);
  return selected ? exactScan(req, selected) : searchAdmitted(req);
}

/**
 * The title's list, ranked at build time on every signal. A prefix of it stays one under any
 * filter: if k of it pass, that is the answer (popularity reorders all that pass, up to
 * `wanted`); undefined if not, and the vectors answer by meaning alone.
 */
function fromNeighbourList(req: RankRequest, nearest: RelatedList): Picked | undefined {
  const listed = Array.from(nearest.ids, (id, i) => ({ id, score: nearest.scores[i]! }));
  const picked = takePassing(req, listed);
  return picked.length >= req.k ? picked : undefined;
}

/** Cosine similarity of the query to each picked title, for the reasons (the list's scores are relatedness). */
function meaningOf(vectors: VectorSearch, query: Float32Array, picked: Picked): Map<number, number> {
  const ids = picked.map((p) => p.e.id);
  return new Map(vectors.scan(query, ids, ids.length).map((n) => [n.id, n.score]));
}

/** No filter: the index's nearest, enough of them to skip the excluded titles. */
function fromIndex(req: RankRequest): Picked {
  // Many excluded titles (a big history's likes, near its centre by design) are kept out of
  // the search itself: searching past a thousand of them would rescore four times as many.
  if (req.excluded.size > req.wanted) return takePassing(req, req.vectors.search(req.query, req.wanted, (id) => !req.excluded.has(id)));
  return takePassing(req, req.vectors.search(req.query, req.wanted + req.excluded.size));
}

/** The ids a selective filter admits (a tenth of the catalog at most); undefined for a broader one. */
function selectiveIds(req: RankRequest): number[] | undefined {
  // Only a hidden series: SQL has nothing to select by.
  if (isUnfiltered(req.filters)) return undefined;
  const most = Math.floor(req.vectors.count * EXACT_SCAN_SHARE);
  // One more than the most tells a broad filter without listing all it admits.
  const ids = req.catalog.filteredIds(req.filters, most + req.excluded.size + 1).filter((id) => !req.excluded.has(id));
  return ids.length <= most ? ids : undefined;
}

/** Exact scan of `ids` (every title when null): the best few first, all of them when too few of those pass. */
function exactScan(req: RankRequest, ids: number[] | null): Picked {
  const all = ids?.length ?? req.vectors.count;
  for (let k = req.wanted * 2 + req.excluded.size; ; k = all) {
    const picked = takePassing(req, req.vectors.scan(req.query, ids, k));
    if (picked.length >= req.wanted || k >= all) return picked;
  }
}

/**
 * A broad filter: the vector search over the titles it admits. An exact scan of what it
 * admits answers instead when the search would pass a tenth of the catalog, and when hidden
 * series leave too few.
 */
function searchAdmitted(req: RankRequest): Picked {
  // Room for the hidden series: titles the filter admits that `passes` then refuses.
  const fetch = (req.admitsAll ? req.wanted : req.wanted * 2) + req.excluded.size;
  if (fetch <= req.vectors.count * EXACT_SCAN_SHARE) {
    const picked = takePassing(req, req.vectors.search(req.query, fetch, req.admits));
    if (picked.length >= req.wanted) return picked;
  }
  return exactScan(req, isUnfiltered(req.filters) ? null : req.catalog.filteredIds(req.filters));
}

/**
 * The first `wanted` of `hits` (best first) that are not excluded and pass, with their
 * entries. Entries are read a page at a time and reading stops once enough pass, so a
 * long candidate list costs what it takes to fill the answer, not its length.
 */
function takePassing(req: RankRequest, hits: Neighbour[]): Picked {
  const picked: Picked = [];
  let next = 0;
  while (next < hits.length && picked.length < req.wanted) {
    const from = next;
    const ids: number[] = [];
    // Without a hidden series every title read passes: read no more than still wanted.
    const page = req.admitsAll ? req.wanted - picked.length : ENTRY_PAGE;
    for (; next < hits.length && ids.length < page; next++) {
      const { id } = hits[next]!;
      if (!req.excluded.has(id) && req.admits(id)) ids.push(id);
    }
    const entries = req.catalog.entries(ids);
    // Entries come in the order of `ids`: walk both together instead of building a map.
    for (let i = from, at = 0; i < next && picked.length < req.wanted; i++) {
      const e = entries[at];
      if (e?.id !== hits[i]!.id) continue;
      at++;
      if (req.admitsAll || req.passes(e)) picked.push({ n: hits[i]!, e });
    }
  }
  return picked;
}

/**
 * The final order (popularity counted in), then the reasons of the k shown only: a
 * description weighs 200 candidates. `similarities` gives their cosine where the picked
 * scores are not similarities.
 */
function rank(picked: Picked, opts: RankOptions, catalog: CatalogAccess, similarities?: (shown: Picked) => Map<number, number>): RankedTitle[] {
  const boost = boostOf(opts);
  const scored = picked.map((p) => ({ ...p, score: boostedScore(p.n.score, p.e.votes, boost) }));
  if (boost) scored.sort((a, b) => b.score - a.score);
  const shown = scored.slice(0, opts.k);
  const meaning = similarities?.(shown);
  const about = opts.about;
  const features = about?.entry && recordFeatures(about.entry);
  // The build knows series by rare names the app cannot see: its word stands for the listed titles.
  const listedMates = new Set(seriesMates(opts.nearest));
  const signals = features && ((e: CatalogEntry) => {
    const s = recordSignals(features, recordFeatures(e));
    return listedMates.has(e.id) ? { ...s, series: true } : s;
  });
  const query = { words: contentWords(about?.text ?? ''), genres: about?.genres ?? [], signals };
  return shown.map(({ n, e, score }) => ({ entry: e, score, why: explain(query, e, meaning?.get(e.id) ?? n.score, catalog.wordRank, catalog.titleWords) }));
}

/** The titles of a related list that the build found to be of the query's own series. */
function seriesMates(list: RelatedList | undefined): number[] {
  const flags = list?.sameSeries;
  return flags ? Array.from(list.ids).filter((_, i) => flags[i]) : [];
}

function boostOf(opts: Pick<RankOptions, 'popularityBoost'>): number {
  return Math.min(1, Math.max(0, opts.popularityBoost ?? 0));
}

export interface SimilarOptions extends Omit<RankOptions, 'exclude' | 'about' | 'hideFranchise' | 'nearest'> {
  /** Leave out the title's own series: sequels, prequels, remakes of the same name, and titles sharing its rare names. */
  hideOwnFranchise?: boolean;
}

/** Titles most like catalog title `id`, never the title itself. */
export function similarTo(vectors: VectorSearch, catalog: CatalogAccess, title: number | CatalogEntry, opts: SimilarOptions): RankedTitle[] {
  // The caller may hold the entry already (the engine found it by its key): no second query.
  const self = typeof title === 'number' ? catalog.entries([title])[0] : title;
  if (!self) throw new Error(`no title with catalog id ${title}`);
  const { id } = self;
  const { hideOwnFranchise, ...rest } = opts;
  const nearest = vectors.nearestOf?.(id);
  return rankByVector(vectors, catalog, vectors.vector(id), {
    ...rest,
    // Hidden: titles of its series by title key wherever they come from, and those its list marks.
    hideFranchise: hideOwnFranchise ? franchiseKey(self.title) : undefined,
    nearest,
    exclude: [id, ...(hideOwnFranchise ? seriesMates(nearest) : [])],
    about: { text: `${self.title} ${self.overview ?? ''} ${self.tagline ?? ''}`, genres: self.genres, entry: self },
  });
}

/**
 * Titles for someone who liked all of `ids`: ranked by the normalised mean of their
 * vectors, none of them returned. Explanations name the genres the liked titles share.
 */
export function recommendFrom(vectors: VectorSearch, catalog: CatalogAccess, ids: number[], opts: Omit<RankOptions, 'about' | 'nearest'>): RankedTitle[] {
  const liked = catalog.entries([...new Set(ids)]);
  if (liked.length === 0) throw new Error('recommendFrom needs at least one title of the catalog');
  const centroid = new Float32Array(vectors.vector(liked[0]!.id).length);
  for (const e of liked) vectors.vector(e.id).forEach((x, i) => (centroid[i]! += x));
  // A loop, not Math.hypot(...centroid): spreading a vector into arguments is bounded by the stack.
  let squares = 0;
  for (const x of centroid) squares += x * x;
  const norm = Math.sqrt(squares) || 1;
  const genres = liked[0]!.genres.filter((g) => liked.every((e) => e.genres.includes(g)));
  return rankByVector(vectors, catalog, centroid.map((x) => x / norm), {
    ...opts,
    // The liked titles themselves, and whatever the caller excludes (titles already seen).
    exclude: [...liked.map((e) => e.id), ...(opts.exclude ?? [])],
    about: { text: liked.map((e) => `${e.title} ${e.overview ?? ''}`).join(' '), genres },
  });
}

/**
 * How a description finds its film. MiniLM alone put the described film first for 26% of
 * our descriptions and in the top 10 for 61% (at 60k titles): it hears the gist but misses
 * the rare words a description shares with the overview ("Mars", "potatoes"), and a
 * described film is more often a known one than a random match for the words. Candidates
 * are the 200 closest in meaning, the 50 best by BM25 over overviews and taglines and the
 * 1,000 best-known titles (an overview as vague as Up's or Parasite's is far from any
 * description in meaning: known as they are, only popularity finds them). They are ranked by
 * `cosine + 0.5 * BM25` (BM25 over its ceiling for the words, 0 to about 1) with popularity
 * counted at 0.3: first for 84%, in the top 10 for 96% (`npm run eval`).
 */
export const DESCRIPTION = { popularity: 0.3, words: 0.5, byMeaning: 200, byWords: 50, mostVoted: 1000 } as const;

/** Titles matching a description in the user's words, `query` being its embedding. */
export function describedBy(vectors: VectorSearch, catalog: CatalogAccess, query: Float32Array, text: string, opts: Omit<RankOptions, 'about' | 'nearest'>): RankedTitle[] {
  const byWords = catalog.searchText?.(text, DESCRIPTION.byWords) ?? { ids: [], scores: [] };
  const wordScore = new Map(Array.from(byWords.ids, (id, i) => [id, byWords.scores[i]!]));
  const cosine = new Map(vectors.search(query, DESCRIPTION.byMeaning).map((n) => [n.id, n.score]));
  const unseen = [...new Set([...Array.from(byWords.ids), ...Array.from(catalog.mostVoted(DESCRIPTION.mostVoted))])].filter((id) => !cosine.has(id));
  for (const n of vectors.scan(query, unseen, unseen.length)) cosine.set(n.id, n.score);
  // Ordered with popularity counted, from the votes alone: only the entries of the first few
  // that pass are read (rank counts popularity the same way), not those of every candidate.
  const boost = boostOf({ popularityBoost: opts.popularityBoost ?? DESCRIPTION.popularity });
  const candidates = [...cosine]
    .map(([id, c]) => {
      const score = c + DESCRIPTION.words * (wordScore.get(id) ?? 0);
      return { id, score, boosted: boostedScore(score, catalog.votes(id), boost) };
    })
    .sort((a, b) => b.boosted - a.boosted || a.id - b.id);
  return rankByVector(vectors, catalog, query, {
    ...opts,
    popularityBoost: boost,
    nearest: { ids: candidates.map((c) => c.id), scores: candidates.map((c) => c.score) },
    about: { text, genres: [] },
  });
}
