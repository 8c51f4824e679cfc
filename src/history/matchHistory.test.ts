import { describe, expect, it } from 'vitest';
import { openEngine } from '../../tools/runtime/nodePlatform.ts';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import type { HistoryItem } from './historyItem.ts';

const item = (title: string, year: number | null, more: Partial<HistoryItem> = {}): HistoryItem => ({ where: `${title} ${year}`, title, year, ids: {}, rating: null, liked: false, seen: true, at: null, ...more });

describe('matching a history to the catalog', async () => {
  const engine = await openEngine(fixtureCatalog().outDir);
  const match = (items: HistoryItem[]) =>
    engine.matchHistory(items).map((m) => (m.state === 'matched' ? `${m.title.title} ${m.title.year}` : m.state === 'ambiguous' ? m.candidates.map((c) => `${c.title} ${c.year}`) : 'missing'));

  it('goes by source id first, whatever the title says', () => {
    expect(match([item('Le Prestige', 1999, { ids: { imdb: 'tt0482571' } }), item('Unknown', null, { ids: { trakt: 55001 }, type: 'movie' })])).toEqual(['The Prestige 2006', 'Now You See Me 2013']);
    // A Trakt number names a movie or a show: a movie's number is not a show's.
    expect(match([item('Now You See Me', 2013, { ids: { trakt: 55001 }, type: 'show' })])).toEqual(['missing']);
  });

  it('finds a title by name, accents and punctuation aside, in its year or one off', () => {
    expect(match([item('Amelie', 2001), item('AMÉLIE!', 2001), item('Spirited Away', 2002), item('Spirited Away', 2003)])).toEqual(['Amélie 2001', 'Amélie 2001', 'Spirited Away 2001', 'missing']);
  });

  it('offers same-titled titles as a choice unless the year or the type tells them apart; never guesses', () => {
    expect(match([item('Heat', null), item('Heat', 1995), item('Heat', 1987), item('Heat', 1990)])).toEqual([['Heat 1995', 'Heat 1986'], 'Heat 1995', 'Heat 1986', 'missing']);
    expect(match([item('Breaking Bad', 2008, { type: 'movie' }), item('Breaking Bad', 2008, { type: 'show' })])).toEqual(['missing', 'Breaking Bad 2008']);
    expect(match([item('Psycho', 1960)])).toEqual(['missing']);
  });

  it('finds a title by its original title when the file gives one', () => {
    expect(match([item('Le Fabuleux Destin', 2001, { originalTitle: 'Amélie' })])).toEqual(['Amélie 2001']);
  });
});
