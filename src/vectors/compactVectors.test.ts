import { describe, expect, it } from 'vitest';
import { seededRandom } from './seededRandom.ts';
import { compactSearch } from './compactSearch.ts';
import { decodeCompactVectors, dequantize, encodeCompactVectors, quantize } from './compactVectors.ts';
import { exactTopK, toMatrix } from './exact.ts';

function unitVectors(count: number, dims: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dims }, () => random() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('int8 vectors', () => {
  const vectors = unitVectors(500, 64, 3);
  const file = encodeCompactVectors(quantize(vectors, 64));

  it('round-trip through their file within a quantization step of every value', () => {
    const read = decodeCompactVectors(file, { count: 500, dims: 64 });
    expect(file.length).toBe(12 + 4 * 64 + 500 * 64);
    for (const id of [0, 250, 499]) {
      const back = dequantize(read, id);
      back.forEach((x, j) => expect(Math.abs(x - vectors[id]![j]!)).toBeLessThanOrEqual(read.scales[j]! / 2 + 1e-7));
    }
  });

  it('refuse a file that is cut off, has trailing bytes, is another file, or does not fit the catalog', () => {
    const read = (bytes: Uint8Array, expected = { count: 500, dims: 64 }) => () => decodeCompactVectors(bytes, expected);
    expect(read(file.subarray(0, file.length - 1))).toThrow(`the vector file is ${file.length - 1} bytes, expected ${file.length} for 500 vectors (cut off)`);
    expect(read(new Uint8Array([...file, 0]))).toThrow('(trailing bytes)');
    expect(read(new TextEncoder().encode('<!doctype html><html></html>'))).toThrow('the vector file is not a Marquee int8 vector file');
    expect(read(file, { count: 501, dims: 64 })).toThrow('the vector file holds 500 vectors, the catalog 501 titles');
    expect(read(file, { count: 500, dims: 384 })).toThrow('the vector file holds 64-dimensional vectors, the model makes 384');
    const badScale = file.slice();
    new DataView(badScale.buffer).setFloat32(12, Number.NaN, true);
    expect(read(badScale)).toThrow('the vector file has an invalid scale for dimension 0');
  });

  it('are searched as exact float32 search ranks, through the sign-bit shortlist and through scans of chosen ids', () => {
    const search = compactSearch(decodeCompactVectors(file, { count: 500, dims: 64 }), { shortlist: 100 });
    const matrix = toMatrix(vectors, 64);
    let found = 0;
    for (let q = 0; q < 50; q++) {
      const truth = new Set(exactTopK(matrix, vectors[q]!, 10).map((n) => n.id));
      const got = search.search(vectors[q]!, 10);
      expect(got[0]!.id).toBe(q);
      expect(got.map((n) => n.score)).toEqual([...got.map((n) => n.score)].sort((a, b) => b - a));
      found += got.filter((n) => truth.has(n.id)).length;
    }
    // Random vectors are the hard case for quantization (near-equal similarities); real ones reach 0.985 (buildVectorArtifacts).
    expect(found / 500).toBeGreaterThan(0.9);
    const ids = [7, 3, 499, 250];
    const scanned = search.scan(vectors[3]!, ids, 2);
    expect(scanned.map((n) => n.id)).toEqual([3, exactTopK(matrix, vectors[3]!, 2, { candidates: [7, 499, 250] })[0]!.id]);
    expect(scanned[0]!.score).toBeCloseTo(1, 2);
  });

  it('search alike whether their sign bits were made ahead (the engine does, once loaded) or on the first search', () => {
    const read = decodeCompactVectors(file, { count: 500, dims: 64 });
    const ahead = compactSearch(read, { shortlist: 100 });
    ahead.prepare!();
    const onFirstSearch = compactSearch(read, { shortlist: 100 });
    for (const q of [0, 17, 42]) expect(ahead.search(vectors[q]!, 10)).toEqual(onFirstSearch.search(vectors[q]!, 10));
  });
});
