import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hnswlibNode from 'hnswlib-node';
import { progressBar } from '../cli/progress.ts';
import { nativeToWasm32 } from './hnswWasmLayout.ts';

export interface HnswParams {
  M: number;
  efConstruction: number;
  /**
   * Search-time breadth the app and the CLI use. `auto`: the smallest step of
   * EF_SEARCH_LADDER whose measured recall@10 reaches the target.
   */
  efSearch: number | 'auto';
  seed: number;
}

export const DEFAULT_HNSW: HnswParams = { M: 32, efConstruction: 200, efSearch: 'auto', seed: 100 };
export const EF_SEARCH_LADDER = [32, 48, 64, 96, 128, 192, 256, 384, 512];

/**
 * Builds the cosine HNSW graph with native hnswlib (about 3x faster than hnswlib-wasm in
 * Node): `bytes` in the file layout hnswlib-wasm reads, `native` for build-time searches.
 * Label i is vectors[i].
 */
export async function buildHnswIndex(vectors: Float32Array[], dims: number, params: Omit<HnswParams, 'efSearch'>): Promise<{ bytes: Uint8Array; native: hnswlibNode.HierarchicalNSW }> {
  const index = new hnswlibNode.HierarchicalNSW('cosine', dims);
  index.initIndex(Math.max(vectors.length, 1), params.M, params.efConstruction, params.seed);
  const bar = progressBar('indexing', vectors.length);
  vectors.forEach((v, label) => {
    index.addPoint(Array.from(v), label);
    if (label % 500 === 0) bar.update(label);
  });
  bar.done(vectors.length);
  const dir = await mkdtemp(path.join(tmpdir(), 'marquee-hnsw-'));
  try {
    const file = path.join(dir, 'native.hnsw');
    index.writeIndexSync(file);
    return { bytes: nativeToWasm32(new Uint8Array(await readFile(file))), native: index };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
