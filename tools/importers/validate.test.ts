import { describe, expect, it } from 'vitest';
import type { TitleRecord } from '../../src/catalog/record.ts';
import type { ImportItem } from './types.ts';
import { countByReason, validateAll } from './validate.ts';

const base: TitleRecord = {
  type: 'movie', title: 'Heat', originalTitle: null, year: 1995, released: '1995-12-15', runtime: 170, overview: 'A heist.', tagline: null,
  genres: ['crime'], language: 'en', country: 'us', certification: 'R', rating: 7.9, votes: 100, ids: { trakt: 1, slug: null, imdb: 'tt1', tmdb: 1 }, show: null, credits: [],
};
const rec = (patch: Partial<TitleRecord>, ids: Partial<TitleRecord['ids']> = {}): TitleRecord => ({ ...base, ...patch, ids: { ...base.ids, ...ids } });
async function* items(...records: (TitleRecord | ImportItem)[]): AsyncGenerator<ImportItem> {
  for (const [i, r] of records.entries()) yield 'ok' in r ? r : { ok: true, record: r, where: `item ${i}` };
}

describe('validateAll', () => {
  it('accepts good records and rejects each kind of bad one with its reason and place', async () => {
    const result = await validateAll(
      items(
        rec({}),
        rec({ title: '  ' }, { trakt: 2, imdb: 'tt2', tmdb: 2 }),
        rec({ year: 1700 }, { trakt: 3, imdb: 'tt3', tmdb: 3 }),
        rec({ runtime: 51420 }, { trakt: 4, imdb: 'tt4', tmdb: 4 }),
        rec({ rating: 11 }, { trakt: 5, imdb: 'tt5', tmdb: 5 }),
        rec({ overview: 'Theodora RemundovÃ¡ stars' }, { trakt: 6, imdb: 'tt6', tmdb: 6 }),
        rec({ title: 'Heat again' }, { trakt: 7, imdb: 'tt7', tmdb: 1 }),
        { ok: false, rejection: { reason: 'malformed', where: 'x.csv:9', title: null, detail: 'genres: bad' } },
      ),
      new Date('2026-01-01'),
    );
    expect(result.read).toBe(8);
    expect(result.accepted.map((r) => r.title)).toEqual(['Heat']);
    expect(countByReason(result.rejected)).toEqual({
      'missing-title': 1, 'impossible-year': 1, 'impossible-runtime': 1, 'impossible-rating': 1, 'broken-text': 1, 'duplicate-id': 1, malformed: 1,
    });
    expect(result.rejected.find((r) => r.reason === 'duplicate-id')).toMatchObject({ where: 'item 6', detail: 'movie tmdb:1 already imported from item 0' });
  });

  it('lets a movie and a show share a Trakt number, and keeps unknown fields as null', async () => {
    const show = rec({ type: 'show', title: 'Heat: the series', runtime: null, year: null }, { imdb: 'tt99' });
    const result = await validateAll(items(rec({}), show));
    expect(result.accepted).toHaveLength(2);
  });

  it('treats same title and year as a duplicate when a source has no ids', async () => {
    const noIds = { trakt: null, slug: null, imdb: null, tmdb: null };
    const result = await validateAll(items(rec({ title: 'Heat' }, noIds), rec({ title: 'HEAT' }, noIds), rec({ title: 'Heat', year: 1986 }, noIds)));
    expect(result.accepted).toHaveLength(2);
    expect(result.rejected[0]?.reason).toBe('duplicate-id');
  });
});
