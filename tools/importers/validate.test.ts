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

describe('validateAll: invisible and direction controls', () => {
  it('strips bidi overrides, isolates and zero-width characters from text, so "(2010)" cannot read "(0102)"', async () => {
    const result = await validateAll(
      items(
        rec({
          title: '\u202EInception\u202C (2010)', originalTitle: 'In\u200Bception', overview: 'A thief\u2060 who steals \u2066secrets\u2069.', tagline: '\uFEFFYour mind is the scene.',
          credits: [{ name: 'Christopher\u200B Nolan', role: 'crew', job: '\u202ADirector\u202C' }, { name: '\u200B', role: 'cast', job: null }],
        }),
        rec({ title: 'Heat' }, { trakt: 2, imdb: 'tt2', tmdb: 2 }),
      ),
    );
    expect(result.accepted[0]).toMatchObject({
      title: 'Inception (2010)', originalTitle: 'Inception', overview: 'A thief who steals secrets.', tagline: 'Your mind is the scene.',
      credits: [{ name: 'Christopher Nolan', role: 'crew', job: 'Director' }],
    });
    expect(result.cleaned).toBe(1);
  });

  it('keeps genuine right-to-left text, joiners and direction marks intact', async () => {
    const texts = {
      title: 'ואלס עם באשיר', originalTitle: 'الرسالة', overview: 'می\u200Cخواهم \u200Fمرد\u200E 👨\u200D👩\u200D👧', tagline: 'क्\u200Dष',
    };
    const result = await validateAll(items(rec(texts)));
    expect(result.accepted[0]).toMatchObject(texts);
    expect(result.cleaned).toBe(0);
  });

  it('rejects a title made only of invisible characters as missing', async () => {
    const result = await validateAll(items(rec({ title: '\u202E\u200B \u2066\u2069' })));
    expect(result.accepted).toEqual([]);
    expect(result.rejected[0]).toMatchObject({ reason: 'missing-title', where: 'item 0' });
  });
});

describe('validateAll: text and numbers that cannot be stored as read', () => {
  it('rejects lone surrogates (from JSON escapes such as "\\ud800") as broken text, in any text field', async () => {
    const result = await validateAll(
      items(
        rec({ title: JSON.parse('"Heat \\ud800"') as string }),
        rec({ overview: JSON.parse('"A heist \\udc00."') as string }, { trakt: 2, imdb: 'tt2', tmdb: 2 }),
        rec({ credits: [{ name: JSON.parse('"Al Pacino\\ud83d"') as string, role: 'cast', job: null }] }, { trakt: 3, imdb: 'tt3', tmdb: 3 }),
        rec({ title: 'Smile 😀' }, { trakt: 4, imdb: 'tt4', tmdb: 4 }),
      ),
    );
    expect(result.accepted.map((r) => r.title)).toEqual(['Smile 😀']);
    expect(result.rejected.map((r) => [r.reason, r.detail])).toEqual([
      ['broken-text', 'title has a lone surrogate (not valid Unicode)'],
      ['broken-text', 'overview has a lone surrogate (not valid Unicode)'],
      ['broken-text', 'credit name has a lone surrogate (not valid Unicode)'],
    ]);
  });

  it('rejects fractional years, impossible vote counts and ids that are not safe positive integers', async () => {
    const result = await validateAll(
      items(
        rec({ year: 1995.5 }),
        rec({ votes: -3 }, { trakt: 2, imdb: 'tt2', tmdb: 2 }),
        rec({ votes: 1e300 }, { trakt: 3, imdb: 'tt3', tmdb: 3 }),
        rec({ votes: 12.5 }, { trakt: 4, imdb: 'tt4', tmdb: 4 }),
        // 2^53 + 1 and 2^53 + 2 as JSON numbers: two ids that read as one.
        rec({}, JSON.parse('{"trakt": 9007199254740993, "imdb": "tt5", "tmdb": 5}') as { trakt: number }),
        rec({}, JSON.parse('{"trakt": 9007199254740992, "imdb": "tt6", "tmdb": 6}') as { trakt: number }),
        rec({}, { trakt: 7, imdb: 'tt7', tmdb: 0 }),
        rec({}, { trakt: 8.5, imdb: 'tt8', tmdb: 8 }),
        rec({}, { trakt: 10, imdb: '0133093', tmdb: 10 }),
        rec({ votes: 0, year: 1995 }, { trakt: 9, imdb: 'tt9', tmdb: 9 }),
      ),
    );
    expect(result.accepted.map((r) => r.ids.trakt)).toEqual([9]);
    expect(result.rejected.map((r) => [r.reason, r.detail])).toEqual([
      ['impossible-year', 'year 1995.5 is not a whole number'],
      ['impossible-votes', 'votes -3'],
      ['impossible-votes', 'votes 1e+300'],
      ['impossible-votes', 'votes 12.5'],
      ['invalid-id', 'trakt id 9007199254740992 is not a safe positive integer'],
      ['invalid-id', 'trakt id 9007199254740992 is not a safe positive integer'],
      ['invalid-id', 'tmdb id 0 is not a safe positive integer'],
      ['invalid-id', 'trakt id 8.5 is not a safe positive integer'],
      ['invalid-id', 'imdb id "0133093" is not tt and digits'],
    ]);
  });
});
