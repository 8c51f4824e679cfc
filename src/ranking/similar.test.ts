import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import { openEngine } from '../../tools/runtime/nodePlatform.ts';
import { matchesFilters, type Filters } from './filters.ts';
import { popularity } from './popularity.ts';
import { DESCRIPTION, describedBy, recommendFrom, similarTo } from './similar.ts';

describe('ranking on the sample catalog', async () => {
  const { outDir, manifest } = fixtureCatalog();
  const engine = await openEngine(outDir, { stages: ['catalog', 'index', 'model'] });
  const a = engine.rankingInputs();
  const idOf = (title: string, year?: number) => a.catalog.filteredIds({}).find((id) => {
    const e = a.catalog.entry(id)!;
    return e.title === title && (year === undefined || e.year === year);
  })!;

  /** Ground truth: every title that passes the filter, by exact similarity. */
  const exact = (queryId: number, filters: Filters, k: number) => {
    const ids = a.catalog.filteredIds({}).filter((id) => id !== queryId && matchesFilters(a.catalog.entry(id)!, filters));
    return a.vectors.scan(a.vectors.vector(queryId), ids, k).map((n) => n.id);
  };
  /** What "more like this" must answer: the title's list where k of it pass, else the exact ranking by meaning. */
  const expected = (queryId: number, k: number, passes: (id: number) => boolean, filters: Filters = {}) => {
    const listed = Array.from(a.vectors.nearestOf!(queryId).ids).filter(passes);
    return listed.length >= k ? listed.slice(0, k) : exact(queryId, filters, 30).filter(passes).slice(0, k);
  };

  it('never returns the query title and finds its subject first', () => {
    const nysm = idOf('Now You See Me');
    const results = similarTo(a.vectors, a.catalog, nysm, { k: 5 });
    expect(results).toHaveLength(5);
    expect(results.map((r) => r.entry.id)).not.toContain(nysm);
    const top3 = results.slice(0, 3).map((r) => r.entry.title);
    expect(top3.filter((t) => ['Now You See Me 2', 'The Prestige', 'The Illusionist'].includes(t)).length).toBeGreaterThanOrEqual(2);
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((x, y) => y - x));
  });

  it('answers from the title\'s list ranked at build time when enough pass, and searches the index otherwise', () => {
    let searches = 0;
    const counted = { ...a.vectors, search: (q: Float32Array, k: number) => (searches++, a.vectors.search(q, k)) };
    const id = idOf('Spirited Away');
    const listed = Array.from(a.vectors.nearestOf!(id).ids);
    expect(listed).toHaveLength(manifest.neighbours.perTitle);
    expect(listed).not.toContain(id);
    const top = similarTo(counted, a.catalog, id, { k: 5 });
    expect(top.map((r) => r.entry.id)).toEqual(listed.slice(0, 5));
    expect(top.map((r) => r.score)).toEqual(Array.from(a.vectors.nearestOf!(id).scores).slice(0, 5));
    // The reasons give the cosine similarity, not the list's relatedness.
    expect(top[0]!.why.similarity).toBeCloseTo(a.vectors.scan(a.vectors.vector(id), [listed[0]!], 1)[0]!.score, 5);
    const animated = a.catalog.entries(listed).filter((e) => e.genres.includes('animation')).map((e) => e.id);
    expect(animated.length).toBeGreaterThanOrEqual(2);
    expect(similarTo(counted, a.catalog, id, { k: 2, filters: { genres: ['animation'] } }).map((r) => r.entry.id)).toEqual(animated.slice(0, 2));
    expect(searches).toBe(0);
    similarTo(counted, a.catalog, id, { k: listed.length + 1 });
    expect(searches).toBe(1);
  });

  it('explains each result with the series, shared genres and words, and its similarity in meaning', () => {
    const toyStory = idOf('Toy Story');
    const [first] = similarTo(a.vectors, a.catalog, toyStory, { k: 1 });
    expect(first!.entry.title).toBe('Toy Story 2');
    expect(first!.why.sameSeries).toBe(true);
    expect(first!.why.sharedPeople).toEqual([]);
    expect(first!.why.sharedGenres).toEqual(['animation', 'comedy', 'family']);
    expect(first!.why.sharedWords).toContain('toy');
    expect(first!.why.similarity).toBeCloseTo(a.vectors.scan(a.vectors.vector(toyStory), [first!.entry.id], 1)[0]!.score, 6);
    // Its relatedness: meaning and every signal that title shares.
    expect(first!.score).toBeGreaterThan(first!.why.similarity + 0.3);
  });

  it.each<[string, Filters]>([
    // Which strategy answers is checked on a catalog large enough to tell them apart (similarAtScale.test.ts).
    ['a selective filter', { language: 'ja' }],
    ['a broad filter', { genres: ['animation', 'family'] }],
    ['exclusions and ranges', { excludeGenres: ['crime'], yearMin: 1990, yearMax: 2015, minRating: 7 }],
    ['shows only', { type: 'show' }],
  ])('returns exactly the best k titles that pass %s', (_label, filters) => {
    const query = idOf('Spirited Away');
    const passing = exact(query, filters, Infinity).length;
    expect(passing).toBeGreaterThan(0);
    for (const k of [1, 3, 30]) {
      const got = similarTo(a.vectors, a.catalog, query, { k, filters });
      expect(got).toHaveLength(Math.min(k, passing));
      expect(got.every((r) => matchesFilters(r.entry, filters))).toBe(true);
      expect(got.map((r) => r.entry.id)).toEqual(expected(query, k, (id) => matchesFilters(a.catalog.entry(id)!, filters), filters));
    }
  });

  it('hides the title\'s own series on request, also under a filter, and still returns the best k of the rest', () => {
    const toyStory = idOf('Toy Story');
    expect(similarTo(a.vectors, a.catalog, toyStory, { k: 3 }).map((r) => r.entry.title)).toContain('Toy Story 2');
    for (const filters of [{}, { genres: ['family'] }, { language: 'en' }] as Filters[]) {
      const got = similarTo(a.vectors, a.catalog, toyStory, { k: 3, filters, hideOwnFranchise: true });
      expect(got.map((r) => r.entry.title)).not.toContain('Toy Story 2');
      const truth = expected(toyStory, 3, (id) => matchesFilters(a.catalog.entry(id)!, filters) && a.catalog.entry(id)!.title !== 'Toy Story 2', filters);
      expect(got.map((r) => r.entry.id)).toEqual(truth);
    }
    const aliens = similarTo(a.vectors, a.catalog, idOf('Alien'), { k: 5, hideOwnFranchise: true }).map((r) => r.entry.title);
    expect(aliens).not.toContain('Aliens');
  });

  it('takes the series the build marked in a list as the same series, shown and hidden, whatever the title', () => {
    const id = idOf('Toy Story');
    const list = a.vectors.nearestOf!(id);
    // As if the build had found a rare name that Toy Story and the list's third title share.
    const marked = list.ids[2]!;
    const sameSeries = Uint8Array.from(list.ids, (n) => Number(n === marked));
    const vectors = { ...a.vectors, nearestOf: (n: number) => (n === id ? { ...list, sameSeries } : a.vectors.nearestOf!(n)) };
    const shown = similarTo(vectors, a.catalog, id, { k: 5 });
    expect(shown.find((r) => r.entry.id === marked)!.why.sameSeries).toBe(true);
    expect(similarTo(a.vectors, a.catalog, id, { k: 5 }).find((r) => r.entry.id === marked)!.why.sameSeries).toBe(false);
    for (const k of [5, list.ids.length]) {
      const hidden = similarTo(vectors, a.catalog, id, { k, hideOwnFranchise: true }).map((r) => r.entry.id);
      expect(hidden).not.toContain(marked);
      expect(hidden).toHaveLength(k);
    }
  });

  it('lets popularity reorder the most similar titles by the boost asked for', () => {
    const id = idOf('Inception');
    const plain = similarTo(a.vectors, a.catalog, id, { k: 5 });
    const boosted = similarTo(a.vectors, a.catalog, id, { k: 5, popularityBoost: 0.5 });
    expect(boosted.map((r) => r.entry.id)).not.toEqual(plain.map((r) => r.entry.id));
    // Half relatedness (the list's score), half popularity (popularity.test.ts pins the scale).
    const list = a.vectors.nearestOf!(id);
    const related = new Map(Array.from(list.ids, (n, i) => [n, list.scores[i]!]));
    for (const r of boosted) expect(r.score).toBeCloseTo(0.5 * related.get(r.entry.id)! + 0.5 * popularity(r.entry.votes), 6);
    expect(boosted.map((r) => r.score)).toEqual([...boosted.map((r) => r.score)].sort((x, y) => y - x));
    const votes = similarTo(a.vectors, a.catalog, id, { k: 5, popularityBoost: 1 }).map((r) => r.entry.votes ?? 0);
    expect(votes).toEqual([...votes].sort((x, y) => y - x));
  });

  it('recommends from several liked titles, none of them returned', () => {
    const liked = [idOf('Heat', 1995), idOf("Ocean's Eleven")];
    const results = recommendFrom(a.vectors, a.catalog, liked, { k: 4 });
    expect(results).toHaveLength(4);
    expect(results.map((r) => r.entry.id).some((id) => liked.includes(id))).toBe(false);
    expect(results.map((r) => r.entry.title).some((t) => ['The Italian Job', 'Money Heist', 'Now You See Me'].includes(t))).toBe(true);
    expect(results.every((r) => r.why.sharedGenres.every((g) => g === 'crime'))).toBe(true);
    expect(results.some((r) => r.why.sharedGenres.includes('crime'))).toBe(true);
    expect(() => recommendFrom(a.vectors, a.catalog, [], { k: 3 })).toThrow(/at least one title/);
  });

  it('answers a description by meaning and words, with popularity as a prior', async () => {
    const text = 'a heist by stage magicians';
    const vector = await engine.embedText(text);
    const results = describedBy(a.vectors, a.catalog, vector, text, { k: 3 });
    expect(results.map((r) => r.entry.title)).toContain('Now You See Me');
    expect(results[0]!.why.sharedWords.length).toBeGreaterThan(0);
    const words = a.catalog.searchText!(text, 50);
    const byWords = new Map(Array.from(words.ids, (id, i) => [id, words.scores[i]!]));
    expect(byWords.size).toBeGreaterThan(0);
    for (const r of results) {
      const related = r.why.similarity + DESCRIPTION.words * (byWords.get(r.entry.id) ?? 0);
      expect(r.score).toBeCloseTo((1 - DESCRIPTION.popularity) * related + DESCRIPTION.popularity * popularity(r.entry.votes), 5);
    }
    expect(results.map((r) => r.score)).toEqual([...results.map((r) => r.score)].sort((x, y) => y - x));
  });
});
