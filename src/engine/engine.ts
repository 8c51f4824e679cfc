import type { Database } from 'sql.js';
import { artifactMismatch, type ArtifactRef } from '../catalog/artifactCheck.ts';
import { readFacets, type Facets } from '../catalog/facets.ts';
import { MANIFEST_FILE, parseManifest, type Manifest } from '../catalog/manifest.ts';
import { identityOf, matchTitlesKept, type TitleIdentity } from '../catalog/matchTitle.ts';
import type { CatalogEntry } from '../catalog/record.ts';
import { sqlCatalog } from '../catalog/sqlCatalog.ts';
import { findTitle, findTitleRefs, parseTitleRef, TitleRefError } from '../catalog/titleRef.ts';
import { readTitleTexts, type TitleTexts } from '../catalog/titleTexts.ts';
import { createTitleSearch, type TitleHit, type TitleSearch } from '../catalog/titleSearch.ts';
import type { Embedder } from '../embedding/embedder.ts';
import { MODEL } from '../embedding/model.ts';
import type { HistoryItem } from '../history/historyItem.ts';
import { matchHistory, type HistoryMatch } from '../history/matchHistory.ts';
import { blend, type BlendedTitle } from '../ranking/blend.ts';
import type { Filters } from '../ranking/filters.ts';
import { describedBy, recommendFrom, similarTo, type RankedTitle, type SimilarOptions } from '../ranking/similar.ts';
import { tasteGroups } from '../ranking/tasteGroups.ts';
import type { VectorSearch } from '../ranking/similar.ts';
import { compactSearch } from '../vectors/compactSearch.ts';
import { decodeCompactVectors } from '../vectors/compactVectors.ts';
import { readNeighbourLists } from '../vectors/neighbourLists.ts';
import { errorMessage } from './errorMessage.ts';
import type { FetchMode, ModelFiles, Platform } from './platform.ts';
import { runStage, STAGES, type EngineStatus, type Stage, type StageIo, type StageResult, type StageStatus } from './stage.ts';

export type { EngineStatus, Stage, StageStatus } from './stage.ts';
export type { FetchMode, FetchOptions, OnBytes, Platform } from './platform.ts';

export interface EngineOptions {
  /** A stage that makes no progress for this long fails (a blocked runtime must not hang the app). */
  stallMs?: number;
  /** The stages to load (all by default; the query CLI leaves out the model unless it needs it). */
  stages?: readonly Stage[];
}

export interface CatalogInfo {
  version: string;
  titles: number;
  source: string;
  builtAt: string;
}

/** One row of recommendations from a big history: `likes` liked titles, `because` the most typical of them. */
export interface RecommendedGroup {
  because: TitleIdentity[];
  likes: number;
  results: RankedTitle[];
}

const STALL_MS = 60_000;
const MANIFEST_PATH = `data/${MANIFEST_FILE}`;

type Catalog = ReturnType<typeof sqlCatalog> & { db: Database; texts: TitleTexts; search: TitleSearch; facets: Facets };

/**
 * All data and all searching: the catalog (sql.js), the int8 vectors with each title's
 * neighbour list, and MiniLM (transformers.js), loaded in stages so that title search works as soon as the
 * catalog is open, "more like this" when the index is in, free text when the model is
 * ready. A stage that fails says why and leaves the others working. The browser worker,
 * the query CLI and the tests run this one engine, each with its own `Platform`.
 *
 * Titles are named by their stable key (or any reference `parseTitleRef` reads); catalog
 * ids are positions in one build and stay inside.
 */
export function createEngine(platform: Platform, options: EngineOptions = {}) {
  const stallMs = options.stallMs ?? STALL_MS;
  const wanted = new Set(options.stages ?? STAGES);
  const status: EngineStatus = { catalog: { state: 'waiting' }, index: { state: 'waiting' }, model: { state: 'waiting' } };
  let catalog: Catalog | undefined;
  let vectors: VectorSearch | undefined;
  let embedder: Embedder | undefined;
  let started: Promise<EngineStatus> | undefined;
  let loadedManifest: Manifest | undefined;
  /** Every versioned file this version of the catalog uses: what stays kept offline. */
  const files = new Set<string>();

  async function load(onStage?: (stage: Stage, status: StageStatus) => void): Promise<EngineStatus> {
    const publish = (stage: Stage) => (st: StageStatus) => {
      status[stage] = st;
      onStage?.(stage, st);
    };
    let manifest: Manifest;
    try {
      manifest = await readManifest('network-first');
      files.add(MANIFEST_PATH);
    } catch (err) {
      // Without a manifest nothing can load: every stage says so, or the app would wait forever.
      for (const stage of STAGES) publish(stage)({ state: 'failed', error: `catalog manifest: ${errorMessage(err)}` });
      return status;
    }
    const stage = <T>(name: Stage, loadStage: (io: StageIo) => Promise<StageResult<T>>) =>
      wanted.has(name) ? runStage(publish(name), stallMs, loadStage) : Promise.resolve(undefined);

    catalog = await stage('catalog', async (io) => ({ value: await openCatalog(manifest, io) }));
    // "More like this" before free text: the model's download and compile would share the
    // worker (and, on a first visit, the network) with the index and make both later.
    vectors = await stage('index', async (io) => ({ value: await openIndex(manifest, io) }));
    embedder = await stage('model', async (io) => {
      const files = readModelFiles(manifest, io);
      // The platform starts on what needs none of them while they are read (the browser: transformers.js).
      const loading = platform.loadEmbedder(files);
      loading.catch(() => {});
      // A file that fails its check fails the stage with its own message, whatever the platform makes of it.
      await files;
      const value = await loading;
      return { value, extra: { device: value.device } };
    });
    // The title vocabulary (spelling correction, and rare words found without a scan; 0.15 s at
    // 60k titles) waits until nothing else needs the worker; a misspelling typed before then builds it at once.
    setTimeout(() => catalog?.search.prepareSpelling(), 0);
    // The filters' columns (about 0.2 s at 60k titles), so that the first filtered answer does not wait for them.
    if (vectors) setTimeout(() => catalog?.prepareFilters(), 0);
    // The vectors' sign bits for searches (about 0.14 s at 60k titles): descriptions, and "more like this" under a filter.
    setTimeout(() => vectors?.prepare?.(), 0);
    // The descriptions' word index and votes (about 1 s at 60k titles), so that the first description does not wait for them.
    if (embedder) setTimeout(() => catalog?.prepareDescriptions(), 0);
    // This version is complete: files of older catalogs can go.
    if (STAGES.every((s) => status[s].state === 'ready')) await platform.keepOnly?.([...files]).catch(() => {});
    return status;
  }

  async function openCatalog(manifest: Manifest, io: StageIo): Promise<Catalog> {
    const [dbBytes, textBytes] = await Promise.all([
      fetchArtifact(`data/${manifest.catalog.file}`, manifest.catalog, io, 'catalog'),
      fetchArtifact(`data/${manifest.texts.file}`, manifest.texts, io, 'texts'),
    ]);
    const texts = readTitleTexts(textBytes, manifest.counts.titles);
    const db = await platform.openDatabase(dbBytes);
    // Only this connection reads the catalog and nothing writes it: holding its lock for good
    // spares SQLite a hot-journal check and a cache revalidation before every query, calls
    // into sql.js's JavaScript file system (a title by id: 26 µs before, 6 µs after).
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    const search = createTitleSearch(db, texts);
    return { ...sqlCatalog(db, texts), db, texts, search, facets: readFacets(db) };
  }

  async function openIndex(manifest: Manifest, io: StageIo): Promise<VectorSearch> {
    const { dims } = manifest.model;
    const count = manifest.counts.titles;
    const [bytes, lists] = await Promise.all([
      fetchArtifact(`data/${manifest.index.file}`, manifest.index, io, 'index'),
      fetchArtifact(`data/${manifest.neighbours.file}`, manifest.neighbours, io, 'neighbours'),
    ]);
    return compactSearch(decodeCompactVectors(bytes, { count, dims }), { shortlist: manifest.index.shortlist, lists: readNeighbourLists(lists, count, manifest.neighbours.perTitle) });
  }

  async function readModelFiles(manifest: Manifest, io: StageIo): Promise<ModelFiles> {
    const { files: sha256, bytes } = manifest.model;
    const fetched = await Promise.all(MODEL.files.map((f) => fetchArtifact(`models/${MODEL.id}/${f}`, { file: f, bytes: bytes[f], sha256: sha256[f] }, io, f)));
    return Object.fromEntries(MODEL.files.map((f, i) => [f, fetched[i]!])) as ModelFiles;
  }

  async function readManifest(mode: FetchMode): Promise<Manifest> {
    const read = (bytes: Uint8Array) => parseManifest(new TextDecoder().decode(bytes));
    return (loadedManifest = read(await platform.fetchBytes(MANIFEST_PATH, { mode, check: (bytes) => void read(bytes) })));
  }

  /**
   * A file checked against the manifest, asked for under its version (`?v=` and its hash)
   * so that caches never confuse versions; a corrupt or truncated copy is fetched once
   * more, past any cache, which replaces the kept copy.
   */
  async function fetchArtifact(path: string, ref: ArtifactRef, io: StageIo, part: string): Promise<Uint8Array> {
    const versioned = `${path}?v=${ref.sha256.slice(0, 16)}`;
    files.add(versioned);
    const opts = { onBytes: (loaded: number) => io.progress(part)(loaded, ref.bytes), onNotKept: io.notKept };
    const bytes = await platform.fetchBytes(versioned, opts).catch((err: unknown) => {
      throw new Error(errorMessage(err).replace(versioned, path));
    });
    if (await platform.checkedBefore?.(versioned, bytes)) return bytes;
    if (!(await artifactMismatch(bytes, ref))) return checked(versioned, bytes);
    const again = await platform.fetchBytes(versioned, { ...opts, mode: 'reload' });
    const mismatch = await artifactMismatch(again, ref);
    if (mismatch) throw new Error(`${path} is not the file the manifest describes (${mismatch}), twice: the site needs its catalog rebuilt`);
    return checked(versioned, again);
  }

  /** Bytes that passed the SHA-256 check, noted so that the next start can skip it (a note not kept only costs that start the check). */
  function checked(versioned: string, bytes: Uint8Array): Uint8Array {
    void platform.rememberChecked?.(versioned, bytes).catch(() => {});
    return bytes;
  }

  const need = <T>(value: T | undefined, stage: Stage): T => {
    if (value === undefined) throw new Error(`the ${stage} is ${status[stage].state}${status[stage].error ? `: ${status[stage].error}` : ''}`);
    return value;
  };

  /** The catalog ids of kept keys (or any form `parseTitleRef` reads), in one query per kind; unknown and damaged ones are skipped, so one must not fail the whole question. */
  const idsOf = (refs: string[]): number[] => {
    const parsed = refs.flatMap((r) => {
      try {
        return parseTitleRef(r) ?? [];
      } catch (err) {
        if (err instanceof TitleRefError) return [];
        throw err;
      }
    });
    return findTitleRefs(need(catalog, 'catalog').db, parsed).filter((id): id is number => id !== undefined);
  };
  const entryOf = (ref: string): CatalogEntry | undefined => {
    const parsed = parseTitleRef(ref);
    const { db, texts } = need(catalog, 'catalog');
    return parsed ? findTitle(db, texts, parsed) : undefined;
  };
  const existingEntry = (ref: string): CatalogEntry => {
    const entry = entryOf(ref);
    if (!entry) throw new Error(`the catalog has no title ${ref}`);
    return entry;
  };

  async function embedText(text: string): Promise<Float32Array> {
    const [vector] = await need(embedder, 'model').embed([text]);
    return vector!;
  }

  return {
    /** Loads catalog, index and model. Idempotent: React StrictMode and reloads call it more than once. */
    init: (onStage?: (stage: Stage, status: StageStatus) => void) => (started ??= load(onStage)),
    status: () => status,
    /** The catalog this engine loaded. */
    catalogInfo: (): CatalogInfo | undefined => loadedManifest && infoOf(loadedManifest),
    /** Its manifest whole: how it was built (model, index parameters, counts). */
    manifest: (): Manifest | undefined => loadedManifest,
    /** A newer catalog on the site than the one loaded, if there is one (null offline or when current). */
    async checkForUpdate(): Promise<CatalogInfo | null> {
      const loaded = loadedManifest?.version;
      try {
        const latest = parseManifest(new TextDecoder().decode(await platform.fetchBytes(MANIFEST_PATH, { mode: 'network-only' })));
        return latest.version !== loaded ? infoOf(latest) : null;
      } catch {
        return null;
      }
    },
    /** A title's full record by its key (or another reference); undefined when the catalog has no such title. */
    title: (ref: string): CatalogEntry | undefined => entryOf(ref),
    /** Each kept title as this catalog has it now (its key may have changed), or null when it has left the catalog. */
    matchTitles: (kept: TitleIdentity[]): (TitleIdentity | null)[] => {
      const { db, entries } = need(catalog, 'catalog');
      const ids = matchTitlesKept(db, kept);
      const found = new Map(entries(ids.filter((id) => id !== undefined)).map((e) => [e.id, identityOf(e)]));
      return ids.map((id) => (id === undefined ? null : found.get(id)!));
    },
    /** Each title of an imported history (src/history/) as this catalog has it: found, to choose among several, or missing. */
    matchHistory: (items: HistoryItem[]): HistoryMatch[] => {
      const { db, search, entries } = need(catalog, 'catalog');
      return matchHistory({ db, sameTitle: search.sameTitle, entries }, items);
    },
    /** The titles of these keys that this catalog has, in their order (a shared list's). */
    titlesOf: (refs: string[]): TitleIdentity[] => need(catalog, 'catalog').entries(idsOf(refs)).map(identityOf),
    facets: (): Facets => need(catalog, 'catalog').facets,
    searchTitles: (typed: string, limit = 10): TitleHit[] => need(catalog, 'catalog').search(typed, limit),
    /** Titles like `title`: a reference, or the entry `title()` gave (a caller that has one saves a lookup). */
    similar: (title: string | CatalogEntry, k: number, filters: Filters = {}, options: Omit<SimilarOptions, 'k' | 'filters'> = {}): RankedTitle[] =>
      similarTo(need(vectors, 'index'), need(catalog, 'catalog'), typeof title === 'string' ? existingEntry(title) : title, { k, filters, ...options }),
    /** Titles for someone who liked all of `refs`, none of them nor of `exclude` (titles seen) returned; unknown or malformed ones are skipped. */
    recommendFrom: (refs: string[], k: number, filters: Filters = {}, exclude: string[] = []): RankedTitle[] => {
      const ids = idsOf(refs);
      const excluded = idsOf(exclude);
      return ids.length ? recommendFrom(need(vectors, 'index'), need(catalog, 'catalog'), ids, { k, filters, exclude: excluded }) : [];
    },
    /**
     * Recommendations for a person's likes in groups of likes close in meaning (one group
     * under a dozen likes), largest first, each named by its most typical liked titles.
     */
    recommendGroups: (refs: string[], k: number, filters: Filters = {}, exclude: string[] = []): RecommendedGroup[] => {
      const ids = idsOf(refs);
      const excluded = idsOf(exclude);
      const c = need(catalog, 'catalog');
      return tasteGroups(need(vectors, 'index'), c, ids, { k, filters, exclude: excluded }).map((g) => ({
        because: c.entries(g.liked.slice(0, 3)).map(identityOf),
        likes: g.liked.length,
        results: g.results,
      }));
    },
    /** Recommendations for two people's likes at once, each saying whose likes it is close to (src/ranking/blend.ts). */
    blend: (first: string[], second: string[], k: number, filters: Filters = {}, exclude: string[] = []): BlendedTitle[] =>
      blend(need(vectors, 'index'), need(catalog, 'catalog'), idsOf(first), idsOf(second), { k, filters, exclude: idsOf(exclude) }),
    /** The loaded catalog and vectors, for Node tests and tools that call src/ranking directly (not over comlink). */
    rankingInputs: () => ({ catalog: need(catalog, 'catalog'), vectors: need(vectors, 'index') }),
    /** The query vector alone (the benchmark times embedding apart from search). */
    embedText,
    async searchText(text: string, k: number, filters: Filters = {}, options: Pick<SimilarOptions, 'popularityBoost'> = {}): Promise<RankedTitle[]> {
      const vector = await embedText(text);
      return describedBy(need(vectors, 'index'), need(catalog, 'catalog'), vector, text, { k, filters, ...options });
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;

const infoOf = (m: Manifest): CatalogInfo => ({ version: m.version, titles: m.counts.titles, source: m.source, builtAt: m.builtAt });
