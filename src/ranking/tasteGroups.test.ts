import { describe, expect, it } from 'vitest';
import { openEngine } from '../../tools/runtime/nodePlatform.ts';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import { tasteGroups } from './tasteGroups.ts';

describe('recommendations for a history of several tastes', async () => {
  const engine = await openEngine(fixtureCatalog().outDir);
  const { catalog, vectors } = engine.rankingInputs();
  const idOf = (title: string) => engine.searchTitles(title, 1)[0]!.id;
  const animation = ['Toy Story', 'Toy Story 2', 'Finding Nemo', 'Spirited Away', 'My Neighbor Totoro'].map(idOf);
  const crime = ['Now You See Me', 'Now You See Me 2', 'The Prestige', "Ocean's Eleven", 'The Italian Job', 'Heat', 'The Departed'].map(idOf);

  it('gives a dozen likes of two kinds a row each, none of the likes nor a title twice', () => {
    const groups = tasteGroups(vectors, catalog, [...animation, ...crime], { k: 6 });
    expect(groups).toHaveLength(2);
    const [big, small] = groups;
    expect(new Set(big!.liked)).toEqual(new Set(crime));
    expect(new Set(small!.liked)).toEqual(new Set(animation));
    const shown = groups.flatMap((g) => g.results.map((r) => r.entry.id));
    expect(new Set(shown).size).toBe(shown.length);
    for (const id of [...animation, ...crime]) expect(shown).not.toContain(id);
    // Half of k a row when there are several.
    for (const g of groups) expect(g.results.length).toBeLessThanOrEqual(3);
  });

  it('keeps a short list one taste, with k results, as recommendFrom would rank them', () => {
    const groups = tasteGroups(vectors, catalog, animation, { k: 5 });
    expect(groups).toHaveLength(1);
    expect(groups[0]!.results.map((r) => r.entry.id)).toEqual(engine.recommendFrom(animation.map((id) => `id:${id}`), 5).map((r) => r.entry.id));
  });
});
