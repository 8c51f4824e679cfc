import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hnswlibNode from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { toMatrix } from '../../src/vectors/exact.ts';
import { loadHnswIndex } from '../../src/vectors/hnswIndex.ts';
import { loadHnswlibInNode } from '../runtime/hnswlibNode.ts';
import { buildHnswIndex } from './hnswBuild.ts';
import { nativeToWasm32 } from './hnswWasmLayout.ts';
import { measureRecall } from './recall.ts';

const DIMS = 32;

/** Unit vectors around a few centres, like real embeddings (random uniform data has no near neighbours). */
function clusteredVectors(n: number, seed = 7): Float32Array[] {
  let s = seed;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const centres = Array.from({ length: 20 }, () => Float32Array.from({ length: DIMS }, rnd));
  return Array.from({ length: n }, (_, i) => {
    const v = Float32Array.from(centres[i % 20]!, (c) => c + 0.35 * rnd());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('HNSW index in hnswlib-wasm layout', () => {
  it('loads in hnswlib-wasm and returns exactly the neighbours native hnswlib returns', async () => {
    const vectors = clusteredVectors(2000);
    const native = new hnswlibNode.HierarchicalNSW('cosine', DIMS);
    native.initIndex(vectors.length, 16, 100, 100);
    vectors.forEach((v, i) => native.addPoint(Array.from(v), i));
    native.setEf(50);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'hnsw-')), 'n.hnsw');
    native.writeIndexSync(file);
    const nativeBytes = new Uint8Array(await readFile(file));
    const wasmBytes = nativeToWasm32(nativeBytes);
    // 40 header bytes and 4 bytes per label fewer.
    expect(nativeBytes.length - wasmBytes.length).toBe(40 + 4 * vectors.length);

    const wasm = await loadHnswIndex(await loadHnswlibInNode(), wasmBytes, { dims: DIMS, count: vectors.length, efSearch: 50, name: 'parity.hnsw' });
    for (const q of [0, 17, 999, 1999]) {
      const a = native.searchKnn(Array.from(vectors[q]!), 10);
      const b = wasm.searchKnn(vectors[q]!, 10, undefined);
      expect(b.neighbors).toEqual(a.neighbors);
      expect([...b.distances].map((d) => d.toFixed(5))).toEqual([...a.distances].map((d) => d.toFixed(5)));
    }
  });

  it('refuses a file that is not a 64-bit native index', () => {
    expect(() => nativeToWasm32(new Uint8Array(200))).toThrow(/not a 64-bit native hnswlib file/);
  });

  it('reaches recall@10 of 0.99 at the default parameters, and measures a poor index as poor', async () => {
    const vectors = clusteredVectors(3000, 11);
    const lib = await loadHnswlibInNode();
    const good = await loadHnswIndex(lib, await buildHnswIndex(vectors, DIMS, { M: 16, efConstruction: 200, efSearch: 64, seed: 1 }), {
      dims: DIMS, count: vectors.length, efSearch: 64, name: 'good.hnsw',
    });
    const matrix = toMatrix(vectors, DIMS);
    expect(measureRecall(good, matrix, { queries: 500, k: 10, seed: 3 }).recall).toBeGreaterThanOrEqual(0.99);
    const poor = await loadHnswIndex(lib, await buildHnswIndex(vectors, DIMS, { M: 2, efConstruction: 10, efSearch: 10, seed: 1 }), {
      dims: DIMS, count: vectors.length, efSearch: 10, name: 'poor.hnsw',
    });
    expect(measureRecall(poor, matrix, { queries: 500, k: 10, seed: 3 }).recall).toBeLessThan(0.9);
  });
});
