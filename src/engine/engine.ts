import type { HnswlibModule } from 'hnswlib-wasm';
import type { Database } from 'sql.js';
import { artifactMismatch, type ArtifactRef } from '../src/catalog/artifactCheck.ts';
import { MANIFEST_FILE, parseManifest, type Manifest } from '../src/catalog/manifest.ts';
import { readFacets, type Facets } from '../src/catalog/facets.ts';
import type { CatalogEntry } from '../src/catalog/record.ts';
import { sqlCatalog } from '../src/catalog/sqlCatalog.ts';
import { createTitleSearch, type TitleHit, type TitleSearch } from '../src/catalog/titleSearch.ts';
import type { Embedder } from '../src/embedding/embedder.ts';
import { MODEL, type ModelFile } from '../src/embedding/model.ts';
import type { Filters } from '../src/ranking/filters.ts';
import { rankByVector, recommendFrom, similarTo, type RankedTitle, type SimilarOptions } from '../src/ranking/similar.ts';
import { loadHnswIndex } from '../src/vectors/hnswIndex.ts';
import { hnswSearch } from '../src/vectors/hnswSearch.ts';
import { vectorsFromIndex } from '../src/vectors/indexVectors.ts';
import { readNeighbourLists } from '../src/vectors/neighbourLists.ts';

export type Stage = 'catalog' | 'index' | 'model';
export interface StageStatus {
  state: 'waiting' | 'loading' | 'ready' | 'failed';
  /** Bytes downloaded so far and in all, while loading. */
  loaded?: number;
  total?: number;
  ms?: number;
  error?: string;
  /** What it runs on, once ready (the model: "webgpu" or "wasm"). */
  device?: string;
  /** Why its files are not kept for offline use, when they could not be. */
  notKept?: string;
}
export type EngineStatus = Record<Stage, StageStatus>;
type OnStage = ((stage: Stage, status: StageStatus) => void) | undefined;

/** Download progress: bytes so far, and in all when known. */
export type OnBytes = (loaded: number, total?: number) => void;

/**
 * How a file is fetched: `cache-first` (versioned files, kept offline), `network-first`
 * (the manifest: the newest when online, the kept one offline), `reload` (past any cache,
 * replacing the kept copy: after a corrupt one), `network-only` (looking for updates).
 */
export type FetchMode = 'cache-first' | 'network-first' | 'reload' | 'network-only';

export interface FetchOptions {
  mode?: FetchMode;
  onBytes?: OnBytes;
  /** Called when the file could not be kept for offline use, with why. */
  onNotKept?: (reason: string) => void;
}

/** What the engine needs from where it runs: the browser worker (engine.worker.ts) or Node (tests). */
export interface Platform {
  /** Bytes of a site path such as `data/catalog.sqlite?v=...`. */
  fetchBytes(path: string, opts?: FetchOptions): Promise<Uint8Array>;
  /** Forgets kept files other than these paths (an older catalog's). */
  keepOnly?(paths: string[]): Promise<void>;
  openDatabase(bytes: Uint8Array): Promise<Database>;
  loadHnswlib(): Promise<HnswlibModule>;
  /** MiniLM from its files, fetched and checked against the manifest by the engine. */
  loadEmbedder(files: Record<ModelFile, Uint8Array>): Promise<Embedder>;
}

export interface EngineOptions {
  /** A stage that makes no progress for this long fails (a blocked runtime must not hang the app). */
  stallMs?: number;
}

const STALL_MS = 60_000;
const MANIFEST_PATH = `data/${MANIFEST_FILE}`;
/** Progress events go through comlink to the UI: at most one per stage per this many ms. */
const PROGRESS_EVERY_MS = 100;

/**
 * All data and all searching, in the worker: the catalog (sql.js), the vector index
 * (hnswlib-wasm) and MiniLM (transformers.js), loaded in stages so that title search works
 * as soon as the catalog is open, "more like this" when the index is in, free text when
 * the model is ready. A stage that fails is reported and leaves the others working.
 */
export function createEngine(platform: Platform, options: EngineOptions = {}) {
  const stallMs = options.stallMs ?? STALL_MS;
  const status: EngineStatus = { catalog: { state: 'waiting' }, index: { state: 'waiting' }, model: { state: 'waiting' } };
  let titleSearch: TitleSearch | undefined;
  let facets: (() => Facets) | undefined;
  let counted: Facets | undefined;
  let catalog: ReturnType<typeof sqlCatalog> | undefined;
  let vectors: ReturnType<typeof hnswSearch> | undefined;
  let embedder: Embedder | undefined;
  let started: Promise<EngineStatus> | undefined;

  let loadedManifest: Manifest | undefined;
  /** Every versioned file this version of the catalog uses: what stays kept offline. */
  const files = new Set<string>();

  /**
   * Runs one loading stage: reports it loading (with byte progress), then ready or failed.
   * `load` gets a progress reporter per download and a way to say files were not kept
   * offline; the stage fails once nothing has happened for `stallMs`.
   */
  async function stage(name: Stage, onStage: OnStage, load: (io: StageIo) => Promise<Partial<StageStatus> | void>): Promise<void> {
    const t0 = performance.now();
    const parts = new Map<string, { loaded: number; total: number }>();
    let lastSent = 0;
    let stalled: () => void = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stall = new Promise<never>((_, reject) => {
      stalled = () => {
        clearTimeout(timer);
        timer = setTimeout(() => reject(new Error(`no progress for ${stallMs / 1000} s`)), stallMs);
      };
    });
    stall.catch(() => {});
    let settled = false;
    const report = (force = false) => {
      // A download still running beside a failed one must not reopen the stage.
      if (settled) return;
      stalled();
      const now = performance.now();
      if (!force && now - lastSent < PROGRESS_EVERY_MS) return;
      lastSent = now;
      let loaded = 0;
      let total = 0;
      for (const p of parts.values()) [loaded, total] = [loaded + p.loaded, total + p.total];
      status[name] = parts.size ? { state: 'loading', loaded, total } : { state: 'loading' };
      onStage?.(name, status[name]);
    };
    const progress = (part: string): OnBytes => (loaded, total) => {
      parts.set(part, { loaded, total: total ?? loaded });
      // A finished download is always reported, so the last figures shown are complete.
      report(total !== undefined && loaded >= total);
    };
    let notKept: string | undefined;
    report(true);
    try {
      const extra = await Promise.race([load({ progress, notKept: (reason) => (notKept ??= reason) }), stall]);
      status[name] = { state: 'ready', ms: Math.round(performance.now() - t0), ...(notKept && { notKept }), ...extra };
    } catch (err) {
      status[name] = { state: 'failed', error: (err as Error).message };
    } finally {
      settled = true;
      clearTimeout(timer);
      onStage?.(name, status[name]);
    }
  }

  async function load(onStage: OnStage): Promise<EngineStatus> {
    let manifest: Manifest;
    try {
      manifest = await readManifest('network-first');
      files.add(MANIFEST_PATH);
    } catch (err) {
      for (const name of ['catalog', 'index', 'model'] as const) status[name] = { state: 'failed', error: `catalog manifest: ${(err as Error).message}` };
      return status;
    }

    await stage('catalog', onStage, async (io) => {
      const db = await platform.openDatabase(await fetchArtifact(`data/${manifest.catalog.file}`, manifest.catalog, io, 'catalog'));
      titleSearch = createTitleSearch(db);
      catalog = sqlCatalog(db);
      // Counted on first use (about 0.1 s at 60k titles), not before title search is ready.
      facets = () => (counted ??= readFacets(db));
      // Title search is usable now; the spelling dictionary can wait for the next idle moment.
      setTimeout(() => titleSearch?.prepareSpelling(), 0);
    });
    // The index and the model load side by side once title search works.
    const model = stage('model', onStage, async (io) => {
      const { files: sha256, bytes } = manifest.model;
      const fetched = await Promise.all(MODEL.files.map((f) => fetchArtifact(`models/${MODEL.id}/${f}`, { file: f, bytes: bytes[f], sha256: sha256[f] }, io, f)));
      embedder = await platform.loadEmbedder(Object.fromEntries(MODEL.files.map((f, i) => [f, fetched[i]!])) as Record<ModelFile, Uint8Array>);
      return { device: embedder.device };
    });
    await stage('index', onStage, async (io) => {
      const { dims } = manifest.model;
      const count = manifest.counts.titles;
      // hnswlib-wasm compiles while the files arrive.
      const [bytes, lists, lib] = await Promise.all([
        fetchArtifact(`data/${manifest.index.file}`, manifest.index, io, 'index'),
        fetchArtifact(`data/${manifest.neighbours.file}`, manifest.neighbours, io, 'neighbours'),
        platform.loadHnswlib(),
      ]);
      const index = await loadHnswIndex(lib, bytes, { dims, count, efSearch: manifest.index.efSearch });
      vectors = hnswSearch(index, vectorsFromIndex(bytes, dims), readNeighbourLists(lists, count, manifest.neighbours.perTitle));
    });
    await model;
    // This version is complete: files of older catalogs can go.
    if (Object.values(status).every((s) => s.state === 'ready')) await platform.keepOnly?.([...files]).catch(() => {});
    return status;
  }

  async function readManifest(mode: FetchMode): Promise<Manifest> {
    return (loadedManifest = parseManifest(new TextDecoder().decode(await platform.fetchBytes(MANIFEST_PATH, { mode }))));
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
    const bytes = await platform.fetchBytes(versioned, opts).catch((err: Error) => {
      throw new Error(err.message.replace(versioned, path));
    });
    if (!(await artifactMismatch(bytes, ref))) return bytes;
    const again = await platform.fetchBytes(versioned, { ...opts, mode: 'reload' });
    const mismatch = await artifactMismatch(again, ref);
    if (mismatch) throw new Error(`${path} is not the file the manifest describes (${mismatch}), twice: the site needs its catalog rebuilt`);
    return again;
  }

  async function embedText(text: string): Promise<Float32Array> {
    const [vector] = await need(embedder, 'model').embed([text]);
    return vector!;
  }

  const need = <T>(value: T | undefined, stageName: Stage): T => {
    if (value === undefined) throw new Error(`the ${stageName} is ${status[stageName].state}${status[stageName].error ? `: ${status[stageName].error}` : ''}`);
    return value;
  };

  return {
    /** Loads catalog, index and model. Idempotent: React StrictMode and reloads call it more than once. */
    init: (onStage?: (stage: Stage, status: StageStatus) => void) => (started ??= load(onStage)),
    status: () => status,
    /** The catalog this engine loaded. */
    catalogInfo: (): CatalogInfo | undefined => loadedManifest && infoOf(loadedManifest),
    /** A newer catalog on the site than the one loaded, if there is one (null offline or when current). */
    async checkForUpdate(): Promise<CatalogInfo | null> {
      const loaded = loadedManifest?.version;
      try {
        const text = new TextDecoder().decode(await platform.fetchBytes(MANIFEST_PATH, { mode: 'network-only' }));
        const latest = parseManifest(text);
        return latest.version !== loaded ? infoOf(latest) : null;
      } catch {
        return null;
      }
    },
    /** A title's full record; undefined when the catalog has no such id. */
    title: (id: number): CatalogEntry | undefined => need(catalog, 'catalog').entry(id),
    facets: (): Facets => need(facets, 'catalog')(),
    searchTitles: (typed: string, limit = 10): TitleHit[] => need(titleSearch, 'catalog')(typed, limit),
    similar: (id: number, k: number, filters: Filters = {}, options: Omit<SimilarOptions, 'k' | 'filters'> = {}): RankedTitle[] =>
      similarTo(need(vectors, 'index'), need(catalog, 'catalog'), id, { k, filters, ...options }),
    recommendFrom: (ids: number[], k: number, filters: Filters = {}): RankedTitle[] => recommendFrom(need(vectors, 'index'), need(catalog, 'catalog'), ids, { k, filters }),
    /** The query vector alone (the benchmark times embedding apart from search). */
    embedText,
    async searchText(text: string, k: number, filters: Filters = {}): Promise<RankedTitle[]> {
      const vector = await embedText(text);
      return rankByVector(need(vectors, 'index'), need(catalog, 'catalog'), vector, { k, filters, about: { text, genres: [] } });
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;

export interface CatalogInfo {
  version: string;
  titles: number;
  source: string;
  builtAt: string;
}

const infoOf = (m: Manifest): CatalogInfo => ({ version: m.version, titles: m.counts.titles, source: m.source, builtAt: m.builtAt });

interface StageIo {
  progress(part: string): OnBytes;
  notKept(reason: string): void;
}
