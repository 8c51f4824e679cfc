import type { HnswlibModule } from 'hnswlib-wasm';
import type { Database } from 'sql.js';
import { artifactMismatch, type ArtifactRef } from '../src/catalog/artifactCheck.ts';
import { MANIFEST_FILE, type Manifest } from '../src/catalog/manifest.ts';
import { sqlCatalog } from '../src/catalog/sqlCatalog.ts';
import { prepareTitleSearch, searchTitles, type TitleHit } from '../src/catalog/titleSearch.ts';
import type { Embedder } from '../src/embedding/embedder.ts';
import type { Filters } from '../src/ranking/filters.ts';
import { rankByVector, recommendFrom, similarTo, type RankedTitle, type SimilarOptions } from '../src/ranking/similar.ts';
import { loadHnswIndex } from '../src/vectors/hnswIndex.ts';
import { hnswSearch } from '../src/vectors/hnswSearch.ts';

export type Stage = 'catalog' | 'index' | 'model';
export interface StageStatus {
  state: 'waiting' | 'loading' | 'ready' | 'failed';
  ms?: number;
  error?: string;
}
export type EngineStatus = Record<Stage, StageStatus>;
type OnStage = ((stage: Stage, status: StageStatus) => void) | undefined;

/** What the engine needs from where it runs: the browser worker (engine.worker.ts) or Node (tests). */
export interface Platform {
  /** Bytes of a site path such as `data/catalog.sqlite`; `fresh` bypasses any cache. */
  fetchBytes(path: string, fresh?: boolean): Promise<Uint8Array>;
  openDatabase(bytes: Uint8Array): Promise<Database>;
  loadHnswlib(): Promise<HnswlibModule>;
  loadEmbedder(): Promise<Embedder>;
}

/**
 * All data and all searching, in the worker: the catalog (sql.js), the vector index
 * (hnswlib-wasm) and MiniLM (transformers.js), loaded in stages so that title search works
 * as soon as the catalog is open, "more like this" when the index is in, free text when
 * the model is ready. A stage that fails is reported and leaves the others working.
 */
export function createEngine(platform: Platform) {
  const status: EngineStatus = { catalog: { state: 'waiting' }, index: { state: 'waiting' }, model: { state: 'waiting' } };
  let db: Database | undefined;
  let catalog: ReturnType<typeof sqlCatalog> | undefined;
  let vectors: ReturnType<typeof hnswSearch> | undefined;
  let embedder: Embedder | undefined;
  let started: Promise<EngineStatus> | undefined;

  async function stage(name: Stage, onStage: OnStage, load: () => Promise<void>): Promise<void> {
    const t0 = performance.now();
    status[name] = { state: 'loading' };
    onStage?.(name, status[name]);
    try {
      await load();
      status[name] = { state: 'ready', ms: Math.round(performance.now() - t0) };
    } catch (err) {
      status[name] = { state: 'failed', error: (err as Error).message };
    } finally {
      onStage?.(name, status[name]);
    }
  }

  async function load(onStage: OnStage): Promise<EngineStatus> {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(new TextDecoder().decode(await platform.fetchBytes(`data/${MANIFEST_FILE}`))) as Manifest;
    } catch (err) {
      for (const name of ['catalog', 'index', 'model'] as const) status[name] = { state: 'failed', error: `no catalog manifest: ${(err as Error).message}` };
      return status;
    }
    const catalogBytes = fetchArtifact(manifest.catalog);
    const indexBytes = fetchArtifact(manifest.index);
    // A failed download is reported by its stage; this keeps it from also surfacing as unhandled.
    for (const p of [catalogBytes, indexBytes]) p.catch(() => {});

    await stage('catalog', onStage, async () => {
      db = await platform.openDatabase(await catalogBytes);
      prepareTitleSearch(db);
      catalog = sqlCatalog(db);
    });
    const model = stage('model', onStage, async () => {
      embedder = await platform.loadEmbedder();
    });
    await stage('index', onStage, async () => {
      const { dims } = manifest.model;
      const index = await loadHnswIndex(await platform.loadHnswlib(), await indexBytes, { dims, count: manifest.counts.titles, efSearch: manifest.index.efSearch });
      vectors = hnswSearch(index);
    });
    await model;
    return status;
  }

  /** An artifact checked against the manifest; a corrupt or truncated copy is fetched once more, past any cache. */
  async function fetchArtifact(ref: ArtifactRef): Promise<Uint8Array> {
    const path = `data/${ref.file}`;
    const bytes = await platform.fetchBytes(path);
    if (!(await artifactMismatch(bytes, ref))) return bytes;
    const again = await platform.fetchBytes(path, true);
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
    searchTitles: (typed: string, limit = 10): TitleHit[] => searchTitles(need(db, 'catalog'), typed, limit),
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
