import { describe, expect, it } from 'vitest';
import type { CatalogEntry, Credit } from '../../src/catalog/record.ts';
import { RELATEDNESS } from '../../src/ranking/relatedness.ts';
import { toMatrix } from '../../src/vectors/exact.ts';
import { dot } from '../../src/vectors/math.ts';
import { readNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { seededRandom } from '../../src/vectors/seededRandom.ts';
import { buildHnswGraph } from './hnswBuild.ts';
import { buildNeighbourLists } from './neighbourLists.ts';
import { buildNeighbourListsInWorkers } from './neighbourListsInWorkers.ts';

const entry = (id: number, more: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id, key: `k${id}`, type: 'movie', title: `Zq${id}x`, originalTitle: null, year: null, released: null, runtime: null, overview: `A plain story, the ${id}th.`, tagline: null,
  genres: [], language: null, country: null, certification: null, rating: null, votes: null, ids: { trakt: null, slug: null, imdb: null, tmdb: null }, show: null, credits: [], ...more,
}); // prettier-ignore
const DIMS = 256;
const director = (name: string): Credit => ({ name, role: 'crew', job: 'Director' });

describe('neighbour lists ranked by relatedness', () => {
  // Titles alike in nothing but what each test gives them: random directions in 256
  // dimensions (no two closer than about 0.25), and the three below unrelated to title 0.
  const random = seededRandom(3);
  const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v));
  const vectors = Array.from({ length: 300 }, () => unit(Float32Array.from({ length: DIMS }, () => random() - 0.5)));
  for (const id of [33, 77, 150]) {
    const along = dot(vectors[id]!, vectors[0]!);
    vectors[id] = unit(vectors[id]!.map((x, i) => x - along * vectors[0]![i]!));
  }
  const entries = vectors.map((_, id) => entry(id));
  entries[0] = entry(0, { title: 'Toy Story', overview: 'Woody and Buzz Lightyear, toys at Andy\'s, fall out.', credits: [director('John Lasseter')] });
  entries[33] = entry(33, { title: 'Toy Story 2' });
  entries[77] = entry(77, { overview: 'Buzz Lightyear leads the toys of Andy\'s room on a rescue.' });
  entries[150] = entry(150, { credits: [director('John Lasseter'), { name: 'Someone', role: 'cast', job: 'Self' }] });
  const matrix = toMatrix(vectors, DIMS);
  const index = buildHnswGraph(vectors, DIMS, { M: 16, efConstruction: 100, seed: 1 });
  const bytes = buildNeighbourLists({ index, matrix, entries, weights: RELATEDNESS }, 10, 100);
  const lists = readNeighbourLists(bytes, 300, 10);

  it('are the same bytes built by worker threads, a range of titles each', async () => {
    const inWorkers = await buildNeighbourListsInWorkers({ index, matrix, entries, weights: RELATEDNESS }, 10, 100, { workers: 2, minTitles: 0, chunk: 64 });
    expect(inWorkers).toEqual(bytes);
  });

  it('fail with the worker\'s reason when a worker cannot build its titles', async () => {
    await expect(buildNeighbourListsInWorkers({ index, matrix, entries: entries.slice(0, 200), weights: RELATEDNESS }, 10, 100, { workers: 2, minTitles: 0, chunk: 64 })).rejects.toThrow(
      /^a neighbour-list worker failed: /,
    );
  });

  it('puts the same series, the same names and the same director above titles close in meaning alone', () => {
    const { ids, scores } = lists.of(0);
    expect(new Set(Array.from(ids).slice(0, 3))).toEqual(new Set([33, 77, 150]));
    const at = (id: number) => scores[Array.from(ids).indexOf(id)]!;
    expect(at(33)).toBeGreaterThan(dot(vectors[0]!, vectors[33]!) + RELATEDNESS.series);
    expect(at(150)).toBeCloseTo(dot(vectors[0]!, vectors[150]!) + RELATEDNESS.people, 3);
    expect(at(77)).toBeGreaterThan(dot(vectors[0]!, vectors[77]!) + 0.2);
  });

  it('marks the titles of the same series: by title, or by rare names both overviews give', () => {
    const { ids, sameSeries } = lists.of(0);
    const marked = Array.from(ids).filter((_, i) => sameSeries[i]);
    // "Toy Story 2" by its title; 77 by "Buzz Lightyear" and "Andy"; 150 only shares a director.
    expect(new Set(marked)).toEqual(new Set([33, 77]));
    expect(Array.from(lists.of(5).sameSeries)).not.toContain(1);
  });

  it('ranks the rest by meaning, best first, never the title itself', () => {
    const { ids, scores } = lists.of(5);
    expect(Array.from(ids)).not.toContain(5);
    expect(Array.from(scores)).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeCloseTo(dot(vectors[5]!, vectors[ids[0]!]!), 3);
  });
});
