import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hnswlibNode from 'hnswlib-node';
import { progressBar } from '../cli/progress.ts';
import { nativeToWasm32 } from './hnswWasmLayout.ts';

export interface HnswParams {
  M: number;
  efConstruction: number;
  /** Search-time default the app and the CLI start from. */
  efSearch: number;
  seed: number;
}

export const DEFAULT_HNSW: HnswParams = { M: 16, efConstruction: 200, efSearch: 64, seed: 100 };

/**
 * Builds the cosine HNSW graph with native hnswlib (about 3x faster than hnswlib-wasm in
 * Node) and returns it in the file layout hnswlib-wasm reads. Label i is vectors[i].
 */
export async function buildHnswIndex(vectors: Float32Array[], dims: number, params: HnswParams): Promise<Uint8Array> {
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
    return nativeToWasm32(new Uint8Array(await readFile(file)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
