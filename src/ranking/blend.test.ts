import { describe, expect, it } from 'vitest';
import { openEngine } from '../../tools/runtime/nodePlatform.ts';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import { blend } from './blend.ts';
import { recommendFrom } from './similar.ts';

describe('a blend of two lists', async () => {
  const engine = await openEngine(fixtureCatalog().outDir);
  const { catalog, vectors } = engine.rankingInputs();
  const idOf = (title: string) => engine.searchTitles(title, 1)[0]!.id;
  const mine = ['Toy Story', 'Finding Nemo'].map(idOf);
  const theirs = ['Heat', 'The Departed', 'The Italian Job'].map(idOf);

  it("takes each list's recommendations in turn, and says whose likes each one is close to", () => {
    const k = 8;
    const blended = blend(vectors, catalog, mine, theirs, { k });
    expect(blended).toHaveLength(k);
    const ids = blended.map((r) => r.entry.id);
    expect(new Set(ids).size).toBe(k);
    for (const id of [...mine, ...theirs]) expect(ids).not.toContain(id);
    const forMe = recommendFrom(vectors, catalog, mine, { k: 2 * k, exclude: [...mine, ...theirs] }).map((r) => r.entry.id);
    const forThem = recommendFrom(vectors, catalog, theirs, { k: 2 * k, exclude: [...mine, ...theirs] }).map((r) => r.entry.id);
    for (const r of blended) {
      const expected = forMe.includes(r.entry.id) && forThem.includes(r.entry.id) ? 'both' : forMe.includes(r.entry.id) ? 'first' : 'second';
      expect(r.closeTo, r.entry.title).toBe(expected);
    }
    // Fair: neither list takes more than half of the rest.
    const first = blended.filter((r) => r.closeTo === 'first').length;
    const second = blended.filter((r) => r.closeTo === 'second').length;
    expect(Math.abs(first - second)).toBeLessThanOrEqual(1);
    expect(blended.slice(0, blended.filter((r) => r.closeTo === 'both').length).every((r) => r.closeTo === 'both')).toBe(true);
  });

  it('leaves out what either has seen, and copes with one list empty', () => {
    const seen = blend(vectors, catalog, mine, theirs, { k: 4 }).map((r) => r.entry.id);
    const next = blend(vectors, catalog, mine, theirs, { k: 4, exclude: seen });
    for (const id of seen) expect(next.map((r) => r.entry.id)).not.toContain(id);
    expect(blend(vectors, catalog, [], theirs, { k: 3 }).map((r) => r.closeTo)).toEqual(['second', 'second', 'second']);
  });
});
