import { describe, expect, it } from 'vitest';
import type { TitleIdentity } from '../catalog/matchTitle.ts';
import type { HistoryFile, HistoryItem } from '../history/historyItem.ts';
import type { HistoryMatch } from '../history/matchHistory.ts';
import { readHistoryFiles } from '../history/readHistoryFiles.ts';
import { openEngine } from '../../tools/runtime/nodePlatform.ts';
import { fixtureCatalog } from '../../tools/testing/sharedFixture.ts';
import { DEFAULT_IMPORT_OPTIONS, planImport } from './importPlan.ts';
import { listAsJson, listAsLetterboxdCsv } from './listExport.ts';
import type { ListMark } from './myList.ts';

const title = (key: string): TitleIdentity => ({ key, type: 'movie', title: key, year: 2000, ids: {} });
const item = (where: string, more: Partial<HistoryItem>): HistoryItem => ({ where, title: where, year: 2000, ids: {}, rating: null, liked: false, seen: true, at: 1000, ...more });
const file = (items: HistoryItem[]): HistoryFile => ({ source: 'letterboxd', describe: 'test', items, skipped: [] });
const matched = (key: string): HistoryMatch => ({ state: 'matched', title: title(key) });

describe('planning an import', () => {
  it('likes by rating from the threshold up, by a heart or a plain list; a lower rating unlikes; no rating keeps the like', () => {
    const list = new Map<string, ListMark>([
      ['h:was-liked', { ...title('h:was-liked'), liked: true, seen: false, at: 5 }],
      ['h:kept-like', { ...title('h:kept-like'), liked: true, seen: false, at: 5 }],
    ]);
    const items = [
      item('h:eight', { rating: 8 }),
      item('h:seven', { rating: 7 }),
      item('h:heart', { liked: true }),
      item('h:listed', { seen: false, listed: 'list' }),
      item('h:was-liked', { rating: 4 }),
      item('h:kept-like', {}),
    ];
    const plan = planImport([file(items)], [items.map((i) => matched(i.where))], list, DEFAULT_IMPORT_OPTIONS);
    const marks = Object.fromEntries(plan.changes.map((c) => [c.mark.key, [c.mark.liked, c.mark.seen, Boolean(c.was)]]));
    expect(marks).toEqual({
      'h:eight': [true, true, false],
      'h:seven': [false, true, false],
      'h:heart': [true, true, false],
      'h:listed': [true, false, false],
      'h:was-liked': [false, true, true],
      'h:kept-like': [true, true, true],
    });
    // The threshold is the person's: at 7, the 7 is a like too.
    const lenient = planImport([file(items)], [items.map((i) => matched(i.where))], list, { likeFrom: 7 });
    expect(lenient.changes.find((c) => c.mark.key === 'h:seven')!.mark.liked).toBe(true);
  });

  it('sorts out what it cannot mark: watchlist only, missing, and same-titled until the person picks', () => {
    const items = [item('a', { seen: false, listed: 'watchlist' }), item('b', {}), item('c', {})];
    const matches: HistoryMatch[] = [matched('h:a'), { state: 'missing' }, { state: 'ambiguous', candidates: [title('h:c1'), title('h:c2')] }];
    const before = planImport([file(items)], [matches], new Map(), DEFAULT_IMPORT_OPTIONS);
    expect([before.changes.length, before.watchlist.length, before.missing.length, before.choices.length]).toEqual([0, 1, 1, 1]);
    const picked = planImport([file(items)], [matches], new Map(), DEFAULT_IMPORT_OPTIONS, new Map([['c', title('h:c2')]]));
    expect(picked.changes.map((c) => c.mark.key)).toEqual(['h:c2']);
    expect(planImport([file(items)], [matches], new Map(), DEFAULT_IMPORT_OPTIONS, new Map([['c', null]])).changes).toEqual([]);
  });

  it('takes the latest rating of a title several entries name, and changes nothing when imported again', () => {
    const items = [item('x1', { rating: 9, at: 1 }), item('x2', { rating: 6, at: 2 })];
    const matches = [[matched('h:x'), matched('h:x')]];
    const first = planImport([file(items)], matches, new Map(), DEFAULT_IMPORT_OPTIONS);
    expect(first.changes.map((c) => [c.mark.key, c.mark.liked])).toEqual([['h:x', false]]);
    const list = new Map(first.changes.map((c) => [c.mark.key, c.mark]));
    const again = planImport([file(items)], matches, list, DEFAULT_IMPORT_OPTIONS);
    expect([again.changes.length, again.unchanged]).toEqual([0, 1]);
  });
});

describe('export and import again', async () => {
  const engine = await openEngine(fixtureCatalog().outDir);
  // Heat of 1986 shares its name with the 1995 one; Breaking Bad is a show.
  const [prestige, amelie, breakingBad] = ['The Prestige', 'Amélie', 'Breaking Bad'].map((q) => engine.searchTitles(q, 1)[0]!);
  const heat = engine.searchTitles('Heat', 5).find((h) => h.year === 1986)!;
  const identity = (key: string) => engine.matchTitles([{ key, title: '', year: null, ids: {} }])[0]!;
  const marks: ListMark[] = [
    { ...identity(prestige!.key), liked: true, seen: true, at: Date.parse('2023-01-02T00:00:00Z') },
    { ...identity(amelie!.key), liked: true, seen: false, at: Date.parse('2023-01-03T00:00:00Z') },
    { ...identity(heat.key), liked: false, seen: true, at: Date.parse('2023-01-04T00:00:00Z') },
    { ...identity(breakingBad!.key), liked: true, seen: true, at: Date.parse('2023-01-05T00:00:00Z') },
  ];
  const roundTrip = (name: string, text: string) => {
    const files = readHistoryFiles([{ name, bytes: new TextEncoder().encode(text) }]);
    const plan = planImport(files, files.map((f) => engine.matchHistory(f.items)), new Map(), DEFAULT_IMPORT_OPTIONS);
    expect(plan.choices).toEqual([]);
    return plan.changes.map((c) => [c.mark.key, c.mark.liked, c.mark.seen]).sort();
  };
  const expected = marks.map((m) => [m.key, m.liked, m.seen]).sort();

  it('starts from the titles it means to', () => {
    expect(marks.map((m) => `${m.title} ${m.year} ${m.type}`)).toEqual(['The Prestige 2006 movie', 'Amélie 2001 movie', 'Heat 1986 movie', 'Breaking Bad 2008 show']);
  });

  it('gives the same list from the CSV in Letterboxd\'s import format', () => {
    const csv = listAsLetterboxdCsv(marks);
    expect(csv.split('\r\n')[0]).toBe('Title,Year,imdbID,tmdbID,Rating10,WatchedDate');
    expect(roundTrip('marquee-list.csv', csv)).toEqual(expected);
  });

  it('gives the same list from the JSON, keys and all', () => {
    expect(roundTrip('marquee-list.json', listAsJson(marks))).toEqual(expected);
  });

  it('protects cells a spreadsheet would run as formulas, and reads them back as written', () => {
    const csv = listAsLetterboxdCsv([{ ...marks[0]!, title: '+1, the film', ids: {} }, { ...marks[0]!, key: 'h:2', title: '@home', ids: {} }]);
    expect(csv).toContain(`"'+1, the film"`);
    expect(csv).toContain(`'@home`);
    const [read] = readHistoryFiles([{ name: 'x.csv', bytes: new TextEncoder().encode(csv) }]);
    expect(read!.items.map((i) => i.title)).toEqual(['+1, the film']);
    expect(read!.skipped).toEqual([{ where: 'x.csv:3', reason: 'the title looks like a spreadsheet formula' }]);
  });
});
