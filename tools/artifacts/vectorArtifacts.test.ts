import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { seededRandom } from '../../src/vectors/seededRandom.ts';
import { exactTopK, toMatrix } from '../../src/vectors/exact.ts';
import { dot } from '../../src/vectors/math.ts';
import { readNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { DEFAULT_HNSW } from './hnswBuild.ts';
import { buildVectorArtifacts } from './vectorArtifacts.ts';

/** Unit vectors around `clusters` centres: titles that resemble a few others, as real ones do. */
function clusteredVectors(count: number, dims: number, clusters: number, spread: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v));
  const centres = Array.from({ length: clusters }, () => unit(Float32Array.from({ length: dims }, gaussian)));
  return Array.from({ length: count }, (_, i) => unit(centres[i % clusters]!.map((x) => x + spread * gaussian())));
}

/** Titles with nothing in common but their vectors: the lists rank them by meaning alone. */
const plainEntries = (count: number): CatalogEntry[] =>
  Array.from({ length: count }, (_, id) => ({
    id, key: `k${id}`, type: 'movie', title: `Zq${id}x`, originalTitle: null, year: null, released: null, runtime: null, overview: null, tagline: null,
    genres: [], language: null, country: null, certification: null, rating: null, votes: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null }, show: null, credits: [],
  })); // prettier-ignore

describe('buildVectorArtifacts', () => {
  const vectors = clusteredVectors(3000, 64, 20, 0.3, 5);
  const entries = plainEntries(3000);

  it('ships int8 vectors and lists that reach the recall bar against exact float32', async () => {
    const built = await buildVectorArtifacts(vectors, 64, { hnsw: DEFAULT_HNSW, entries });
    expect(built.search.recall).toBeGreaterThanOrEqual(0.985);
    expect(built.lists.recall).toBeGreaterThanOrEqual(0.98);
    expect(built.index.length).toBe(12 + 4 * 64 + 3000 * 64);
    expect(built.neighbours.length).toBe(3000 * 20 * 6);
    // Only meaning differs between these titles: each list is the title's nearest by cosine, best first.
    const lists = readNeighbourLists(built.neighbours, 3000, 20);
    for (const id of [0, 1234, 2999]) {
      const { ids, scores } = lists.of(id);
      expect(Array.from(ids)).toEqual(exactTopK(toMatrix(vectors, 64), vectors[id]!, 20, { exclude: id }).map((n) => n.id));
      expect(scores[0]).toBeCloseTo(dot(vectors[id]!, vectors[ids[0]!]!), 3);
    }
  });

  it('refuses a shortlist too short to reach recall@10 0.98', async () => {
    await expect(buildVectorArtifacts(vectors, 64, { hnsw: DEFAULT_HNSW, shortlist: 10, entries })).rejects.toThrow(/^recall@10 0\.\d+ of the int8 search is below 0\.98: raise --shortlist$/);
  });

  it('refuses neighbour lists from a graph too sparse to find them', async () => {
    await expect(buildVectorArtifacts(vectors, 64, { hnsw: { M: 2, efConstruction: 10, seed: 1 }, entries })).rejects.toThrow(
      /^recall@10 0\.\d+ of the graph search for the neighbour lists is below 0\.98: raise --ef-construction or --m$/,
    );
  });
});
