import { describe, expect, it } from 'vitest';
import { openEngine } from '../../tools/runtime/nodePlatform.ts';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import { findTitleRef, findTitleRefs, parseTitleRef, type TitleRef } from './titleRef.ts';

describe('finding many title references at once', async () => {
  const engine = await openEngine(fixtureCatalog().outDir);
  const { db } = engine.rankingInputs().catalog;

  it('gives what one lookup each gives, in order, whatever their kinds', () => {
    const entries = engine.rankingInputs().catalog.entries(Array.from({ length: 27 }, (_, i) => i));
    const refs: TitleRef[] = entries.flatMap((e) =>
      [e.key, `id:${e.id}`, e.ids.tmdb && `tmdb:${e.ids.tmdb}`, e.ids.trakt && `${e.type === 'show' ? 'show:' : ''}trakt:${e.ids.trakt}`, e.ids.imdb && `imdb:${e.ids.imdb}`].flatMap((r) => (r ? [parseTitleRef(String(r))!] : [])),
    );
    refs.push(parseTitleRef('tmdb:999999999')!, parseTitleRef('id:99999')!);
    const one = refs.map((r) => findTitleRef(db, r));
    expect(findTitleRefs(db, refs)).toEqual(one);
    expect(one.filter((id) => id === undefined)).toHaveLength(2);
    expect(refs.length).toBeGreaterThan(80);
  });
});
