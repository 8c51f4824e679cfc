import { describe, expect, it } from 'vitest';
import type { TitleRecord } from '../../src/catalog/record.ts';
import type { ImportItem, ImportSource } from '../importers/types.ts';
import { importRecords } from './importStep.ts';

const heat: TitleRecord = {
  type: 'movie', title: 'Heat', originalTitle: null, year: 1995, released: null, runtime: 170, overview: 'A heist.', tagline: null,
  genres: [], language: 'en', country: null, certification: null, rating: null, votes: null, ids: { trakt: 1, slug: null, imdb: null, tmdb: null }, show: null, credits: [],
};
const ok = (record: TitleRecord, line: number): ImportItem => ({ ok: true, record, where: `titles.jsonl:${line}` });
const source = (items: ImportItem[]): ImportSource => ({
  describe: 'json titles.jsonl',
  async *items() {
    yield* items;
  },
});

describe('importRecords', () => {
  it('refuses a source with too few usable records, saying why the others were rejected and where', async () => {
    const items = [
      ok(heat, 1),
      { ok: false, rejection: { reason: 'malformed', where: 'titles.jsonl:2', title: null, detail: 'not JSON: Unexpected end of JSON input' } } as const,
      ok({ ...heat, title: 'Heat', ids: { ...heat.ids, trakt: 2 }, year: 2095 }, 3),
      ...[4, 5, 6, 7, 8, 9].map((line) => ok({ ...heat, title: '', ids: { ...heat.ids, trakt: line } }, line)),
    ];
    const error = await importRecords(source(items), undefined, () => {}).catch((e: Error) => e);
    expect((error as Error).message.split('\n')).toEqual([
      'json titles.jsonl: only 1 usable records of 9 read; a catalog needs at least 2. Rejected 8: missing-title 6, malformed 1, impossible-year 1',
      '  rejected titles.jsonl:2: malformed: not JSON: Unexpected end of JSON input',
      '  rejected titles.jsonl:3 "Heat": impossible-year: year 2095',
      '  rejected titles.jsonl:4: missing-title: no title',
      '  rejected titles.jsonl:5: missing-title: no title',
      '  rejected titles.jsonl:6: missing-title: no title',
      '  ... and 3 more',
    ]);
  });

  it('says so when the source is empty', async () => {
    await expect(importRecords(source([]), undefined, () => {})).rejects.toThrow(/^json titles\.jsonl: only 0 usable records of 0 read; a catalog needs at least 2$/);
  });

  it('logs the rejections of a source it accepts, and how many records lost invisible controls', async () => {
    const log: string[] = [];
    const items = [ok({ ...heat, title: '\u202EHeat' }, 1), ok({ ...heat, title: 'Alien', ids: { ...heat.ids, trakt: 2 } }, 2), ok({ ...heat, title: 'Alien', ids: { ...heat.ids, trakt: 2 } }, 3)];
    const { accepted } = await importRecords(source(items), undefined, (m) => log.push(m));
    expect(accepted.map((r) => r.title)).toEqual(['Heat', 'Alien']);
    expect(log).toEqual([
      'import: 3 read, 2 accepted, 1 rejected (duplicate-id 1)',
      '  rejected titles.jsonl:3 "Alien": duplicate-id: movie trakt:2 already imported from titles.jsonl:2',
      'import: removed direction-override or zero-width characters from the text of 1 records',
    ]);
  });
});
