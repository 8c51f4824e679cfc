import { describe, expect, it } from 'vitest';
import { vegaDemoSource } from './vegaDemo.ts';
import { countByReason, validateAll } from './validate.ts';

describe('demo importer (vega-datasets movies.json)', () => {
  it('cleans the package data and rejects its deliberate errors with reasons', async () => {
    const result = await validateAll(vegaDemoSource().items(), new Date('2026-11-28'));
    expect(result.read).toBe(3201);
    expect(countByReason(result.rejected)).toEqual({ 'impossible-year': 15, 'missing-title': 1 });
    expect(result.accepted).toHaveLength(3185);
    // Films of the 1930s and 1940s dated 2033-2046 by a two-digit-year bug in the source.
    const misdated = result.rejected.filter((r) => r.reason === 'impossible-year');
    expect(misdated.slice(0, 3).map((r) => [r.title, r.detail])).toEqual([['Duel in the Sun', 'year 2046'], ['Wilson', 'year 2044'], ['42nd Street', 'year 2033']]);
    expect(misdated.every((r) => /^year 20[3-4]\d$/.test(r.detail))).toBe(true);
    expect(result.rejected.find((r) => r.reason === 'missing-title')).toMatchObject({ where: 'movies.json item 3053', title: null });

    const titles = new Map(result.accepted.map((r) => [r.title, r]));
    expect(titles.get('1776')).toMatchObject({ year: 1972 });
    expect(titles.has('The Land Girls')).toBe(true);
    expect([...titles.keys()].some((t) => /, The$/.test(t))).toBe(false);
    expect(titles.get('Toy Story')).toMatchObject({
      year: 1995, released: '1995-11-22', genres: expect.arrayContaining(['adventure']), credits: [{ name: 'John Lasseter', role: 'crew', job: 'Director' }],
    });
  });
});
