import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Manifest } from '../../src/catalog/manifest.ts';
import { DEFAULT_HNSW } from '../artifacts/hnswBuild.ts';
import { traktJsonSource } from '../importers/traktJson.ts';
import { buildCatalog } from '../pipeline/buildCatalog.ts';

export const FIXTURE_JSONL = path.join(import.meta.dirname, '../fixtures/trakt-sample.jsonl');

/** Builds the hand-written Trakt sample (real model, real index) into a fresh temp directory. */
export async function buildFixtureCatalog(): Promise<{ outDir: string; cacheDir: string; manifest: Manifest; log: string[] }> {
  const root = await mkdtemp(path.join(tmpdir(), 'marquee-fixture-'));
  const outDir = path.join(root, 'data');
  const cacheDir = path.join(root, 'cache');
  const log: string[] = [];
  const manifest = await buildCatalog({ source: traktJsonSource(FIXTURE_JSONL), outDir, cacheDir, hnsw: DEFAULT_HNSW, log: (m) => log.push(m) });
  return { outDir, cacheDir, manifest, log };
}
