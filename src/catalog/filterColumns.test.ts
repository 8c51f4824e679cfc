import { describe, expect, it } from 'vitest';
import { openEngine } from '../../tools/runtime/nodePlatform.ts';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import { matchesFilters, type Filters } from '../ranking/filters.ts';

describe('filter columns', async () => {
  const engine = await openEngine(fixtureCatalog().outDir);
  const { catalog } = engine.rankingInputs();
  const all = catalog.entries(catalog.filteredIds({}));

  it('admit exactly the titles matchesFilters passes', () => {
    const cases: Filters[] = [
      { genres: ['animation'] },
      { genres: ['horror', 'romance'], excludeGenres: ['comedy'] },
      { genres: ['no-such-genre'] },
      { excludeGenres: ['no-such-genre'] },
      { yearMin: 2000, yearMax: 2010 },
      { yearMax: 1990 },
      { runtimeMin: 100 },
      { runtimeMax: 100 },
      { language: 'fr' },
      { language: 'xx' },
      { minRating: 7.5 },
      { minVotes: 1000 },
      { type: 'show' },
      { type: 'movie', genres: ['crime'], yearMin: 2001 },
    ];
    for (const f of cases) {
      const expected = all.filter((e) => matchesFilters(e, f)).map((e) => e.id);
      expect(catalog.filteredIds(f), JSON.stringify(f)).toEqual(expected);
      const admits = catalog.admits(f);
      expect(all.filter((e) => admits(e.id)).map((e) => e.id), JSON.stringify(f)).toEqual(expected);
    }
    // A filter that admits some titles but not all: the comparison above can tell.
    expect(catalog.filteredIds({ genres: ['animation'] }).length).toBeGreaterThan(0);
    expect(catalog.filteredIds({ genres: ['animation'] }).length).toBeLessThan(all.length);
    expect(catalog.filteredIds({ minVotes: 1000 }, 2)).toHaveLength(2);
    expect(catalog.admits({ yearMin: 1900 })(all.length + 5)).toBe(false);
  });
});
