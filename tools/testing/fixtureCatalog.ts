import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Manifest } from '../../src/catalog/manifest.ts';
import { DEFAULT_HNSW } from '../artifacts/hnswBuild.ts';
import { traktJsonSource } from '../importers/traktJson.ts';
import { buildCatalog } from '../pipeline/buildCatalog.ts';

export const FIXTURE_JSONL = path.join(import.meta.dirname, '../fixtures/trakt-sample.jsonl');

/** The sample catalog as built, and what its build said. Plain data: vitest passes it to the test workers. */
export interface FixtureCatalog {
  /** The temporary directory that holds `outDir` and `cacheDir`. */
  root: string;
  /** manifest.json, catalog.sqlite, texts.bin, vectors.i8, neighbours.bin (each with .br and .gz). */
  outDir: string;
  /** The embedding cache the build filled: a rebuild with it embeds nothing. */
  cacheDir: string;
  manifest: Manifest;
  /** Every line the build logged, in order. */
  log: string[];
}

/**
 * Builds the hand-written Trakt sample (real model, real index) into a fresh temp directory.
 * Vitest suites share one build instead (tools/testing/sharedFixture.ts); this is for the
 * Playwright specs and for tests that must write into a catalog of their own.
 */
export async function buildFixtureCatalog(): Promise<FixtureCatalog> {
  const root = await mkdtemp(path.join(tmpdir(), 'marquee-fixture-'));
  const outDir = path.join(root, 'data');
  const cacheDir = path.join(root, 'cache');
  const log: string[] = [];
  const manifest = await buildCatalog({ source: traktJsonSource(FIXTURE_JSONL), outDir, cacheDir, hnsw: DEFAULT_HNSW, log: (m) => log.push(m) });
  return { root, outDir, cacheDir, manifest, log };
}
