import initSqlJs, { type Database } from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { loadHnswlib } from 'hnswlib-wasm';
import { MANIFEST_FILE, type Manifest } from '../src/catalog/manifest.ts';
import { sqlCatalog } from '../src/catalog/sqlCatalog.ts';
import { prepareTitleSearch, searchTitles, type TitleHit } from '../src/catalog/titleSearch.ts';
import { loadEmbedder, type Embedder } from '../src/embedding/embedder.ts';
import type { Filters } from '../src/ranking/filters.ts';
import { rankByVector, recommendFrom, similarTo, type RankedTitle } from '../src/ranking/similar.ts';
import { loadHnswIndex } from '../src/vectors/hnswIndex.ts';
import { hnswSearch } from '../src/vectors/hnswSearch.ts';

export type Stage = 'catalog' | 'index' | 'model';
export interface StageStatus {
  state: 'waiting' | 'loading' | 'ready' | 'failed';
  ms?: number;
  error?: string;
}
export type EngineStatus = Record<Stage, StageStatus>;


/**
 * All data and all searching, in the worker: the catalog (sql.js), the vector index
 * (hnswlib-wasm) and MiniLM (transformers.js), loaded in stages so that title search works
 * as soon as the catalog is open, "more like this" when the index is in, free text when
 * the model is ready. A stage that fails is reported and leaves the others working.
 */
export function createEngine() {
  const status: EngineStatus = { catalog: { state: 'waiting' }, index: { state: 'waiting' }, model: { state: 'waiting' } };
  let db: Database | undefined;
  let catalog: ReturnType<typeof sqlCatalog> | undefined;
  let vectors: ReturnType<typeof hnswSearch> | undefined;
  let embedder: Embedder | undefined;
  let started: Promise<EngineStatus> | undefined;

  type OnStage = ((stage: Stage, status: StageStatus) => void) | undefined;

  async function stage<T>(name: Stage, onStage: OnStage, load: () => Promise<T>): Promise<T | undefined> {
    const t0 = performance.now();
    status[name] = { state: 'loading' };
    onStage?.(name, status[name]);
    try {
      const value = await load();
      status[name] = { state: 'ready', ms: Math.round(performance.now() - t0) };
      return value;
    } catch (err) {
      status[name] = { state: 'failed', error: (err as Error).message };
      return undefined;
    } finally {
      onStage?.(name, status[name]);
    }
  }

  async function load(baseUrl: string, onStage: OnStage): Promise<EngineStatus> {
    const base = new URL(baseUrl, self.location.href);
    const manifest = (await fetchOk(new URL(`data/${MANIFEST_FILE}`, base))).json() as Promise<Manifest>;
    const m = await manifest;
    const catalogBytes = fetchBytes(new URL(`data/${m.catalog.file}`, base));
    const indexBytes = fetchBytes(new URL(`data/${m.index.file}`, base));

    await stage('catalog', onStage, async () => {
      const SQL = await initSqlJs({ locateFile: () => sqlWasmUrl });
      db = new SQL.Database(await catalogBytes);
      prepareTitleSearch(db);
      catalog = sqlCatalog(db);
    });
    const model = stage('model', onStage, async () => {
      embedder = await loadEmbedder({
        // A path, not a URL: transformers.js joins it as a path and would mangle "http://".
        modelRoot: new URL('models/', base).pathname,
        device: 'wasm',
        wasmPaths: new URL('ort/', base).href,
        numThreads: self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency) : 1,
      });
    });
    await stage('index', onStage, async () => {
      const index = await loadHnswIndex(await loadHnswlib(), await indexBytes, { dims: m.model.dims, count: m.counts.titles, efSearch: m.index.efSearch });
      vectors = hnswSearch(index);
    });
    await model;
    return status;
  }

  const need = <T>(value: T | undefined, stageName: Stage): T => {
    if (value === undefined) throw new Error(`the ${stageName} is ${status[stageName].state}${status[stageName].error ? `: ${status[stageName].error}` : ''}`);
    return value;
  };

  return {
    /**
     * Loads everything from the site at `baseUrl` (where it serves data/, models/ and ort/).
     * Idempotent: React StrictMode and reloads call it more than once.
     */
    init: (baseUrl: string, onStage?: (stage: Stage, status: StageStatus) => void) => (started ??= load(baseUrl, onStage)),
    status: () => status,
    searchTitles: (typed: string, limit = 10): TitleHit[] => searchTitles(need(db, 'catalog'), typed, limit),
    similar: (id: number, k: number, filters: Filters = {}): RankedTitle[] => similarTo(need(vectors, 'index'), need(catalog, 'catalog'), id, { k, filters }),
    recommendFrom: (ids: number[], k: number, filters: Filters = {}): RankedTitle[] => recommendFrom(need(vectors, 'index'), need(catalog, 'catalog'), ids, { k, filters }),
    async searchText(text: string, k: number, filters: Filters = {}): Promise<RankedTitle[]> {
      const [vector] = await need(embedder, 'model').embed([text]);
      return rankByVector(need(vectors, 'index'), need(catalog, 'catalog'), vector!, { k, filters, about: { text, genres: [] } });
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;

async function fetchOk(url: URL): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url.pathname}: HTTP ${res.status}`);
  return res;
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchOk(url)).arrayBuffer());
}
