import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hnswlibNode from 'hnswlib-node';
import { describe, expect, it } from 'vitest';
import { exactTopK, toMatrix } from '../../src/vectors/exact.ts';
import { vectorsFromIndex } from '../../src/vectors/indexVectors.ts';
import { readNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { loadHnswIndex } from '../../src/vectors/hnswIndex.ts';
import { loadHnswlibInNode } from '../runtime/hnswlibNode.ts';
import { buildHnswIndex } from './hnswBuild.ts';
import { nativeToWasm32 } from './hnswWasmLayout.ts';
import { buildNeighbourLists } from './neighbourLists.ts';
import { chooseEfSearch, groundTruth, listRecall, measureRecall } from './recall.ts';

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

  it('gives back every vector by label, read straight from the file', async () => {
    const vectors = clusteredVectors(500, 3);
    const { bytes } = await buildHnswIndex(vectors, DIMS, { M: 8, efConstruction: 50, seed: 1 });
    const read = vectorsFromIndex(bytes, DIMS);
    const given = toMatrix(vectors, DIMS);
    expect(read.count).toBe(500);
    // hnswlib normalises each vector again as it stores it, in float32.
    expect(Math.max(...read.data.map((x, i) => Math.abs(x - given.data[i]!)))).toBeLessThan(1e-6);
    expect(() => vectorsFromIndex(bytes, DIMS * 2)).toThrow(/32-dimensional vectors, expected 64/);
    expect(() => vectorsFromIndex(bytes.subarray(0, 5000), DIMS)).toThrow(/truncated/);
  });

  it('precomputes each title\'s nearest neighbours, itself left out, as exact search finds them', async () => {
    const vectors = clusteredVectors(2000, 5);
    const matrix = toMatrix(vectors, DIMS);
    const { native } = await buildHnswIndex(vectors, DIMS, { M: 16, efConstruction: 100, seed: 1 });
    const lists = readNeighbourLists(buildNeighbourLists(native, matrix, 20, 256), vectors.length, 20);
    for (const id of [0, 7, 1999]) {
      const exact = exactTopK(matrix, vectors[id]!, 20, { exclude: id }).map((n) => n.id);
      expect(Array.from(lists.of(id)).filter((n) => exact.includes(n)).length).toBeGreaterThanOrEqual(19);
      expect(Array.from(lists.of(id))).not.toContain(id);
    }
    expect(listRecall(lists, matrix, groundTruth(matrix, { queries: 300, k: 10, seed: 2 }))).toBeGreaterThanOrEqual(0.99);
    expect(() => readNeighbourLists(new Uint8Array(12), 2, 2)).toThrow(/hold 12 bytes, expected 16/);
  });

  it('refuses a file that is not a 64-bit native index', () => {
    expect(() => nativeToWasm32(new Uint8Array(200))).toThrow(/not a 64-bit native hnswlib file/);
  });

  it('measures recall against exact search, and a poor index as poor', async () => {
    const vectors = clusteredVectors(3000, 11);
    const matrix = toMatrix(vectors, DIMS);
    const truth = groundTruth(matrix, { queries: 500, k: 10, seed: 3 });
    expect(truth.queries).toHaveLength(500);
    const lib = await loadHnswlibInNode();
    const good = await loadHnswIndex(lib, (await buildHnswIndex(vectors, DIMS, { M: 16, efConstruction: 200, seed: 1 })).bytes, {
      dims: DIMS, count: vectors.length, efSearch: 128, name: 'good.hnsw',
    });
    expect(measureRecall(good, matrix, truth)).toBeGreaterThanOrEqual(0.99);
    const poor = await loadHnswIndex(lib, (await buildHnswIndex(vectors, DIMS, { M: 2, efConstruction: 10, seed: 1 })).bytes, {
      dims: DIMS, count: vectors.length, efSearch: 10, name: 'poor.hnsw',
    });
    expect(measureRecall(poor, matrix, truth)).toBeLessThan(0.9);
  });

  it('raises efSearch step by step until recall reaches the target, and stops there', async () => {
    const vectors = clusteredVectors(3000, 5);
    const matrix = toMatrix(vectors, DIMS);
    const truth = groundTruth(matrix, { queries: 300, k: 10, seed: 9 });
    const index = await loadHnswIndex(await loadHnswlibInNode(), (await buildHnswIndex(vectors, DIMS, { M: 4, efConstruction: 40, seed: 1 })).bytes, {
      dims: DIMS, count: vectors.length, efSearch: 10, name: 'ladder.hnsw',
    });
    const choice = chooseEfSearch(index, matrix, truth, [10, 20, 40, 80, 160, 320], 0.99);
    const recalls = choice.curve.map((c) => c.recall);
    expect(recalls[0]).toBeLessThan(0.99);
    expect(recalls.at(-1)).toBe(choice.recall);
    expect(choice.recall).toBeGreaterThanOrEqual(0.99);
    expect(recalls.slice(0, -1).every((r) => r < 0.99)).toBe(true);
    expect(index.getEfSearch()).toBe(choice.efSearch);
  });
});
