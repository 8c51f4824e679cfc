import { describe, expect, it } from 'vitest';
import { vegaDemoSource } from './vegaDemo.ts';
import { countByReason, validateAll } from './validate.ts';

describe('demo importer (vega-datasets movies.json)', () => {
  it('cleans the package data and rejects its deliberate errors with reasons', async () => {
    const result = await validateAll(vegaDemoSource().items(), new Date('2026-11-28'));
    expect(result.read).toBe(3201);
    const reasons = countByReason(result.rejected);
    // Films of the 1940s dated 2033-2046 by a two-digit-year bug in the source.
    expect(reasons['impossible-year']).toBeGreaterThan(0);
    expect(result.rejected.filter((r) => r.reason === 'impossible-year').every((r) => /^year 20[3-9]\d$/.test(r.detail))).toBe(true);
    expect(result.accepted.length + result.rejected.length).toBe(3201);

    const titles = new Map(result.accepted.map((r) => [r.title, r]));
    expect(titles.get('1776')).toMatchObject({ year: 1972 });
    expect(titles.has('The Land Girls')).toBe(true);
    expect([...titles.keys()].some((t) => /, The$/.test(t))).toBe(false);
    expect(titles.get('Toy Story')).toMatchObject({
      year: 1995, released: '1995-11-22', genres: expect.arrayContaining(['adventure']), credits: [{ name: 'John Lasseter', role: 'crew', job: 'Director' }],
    });
  });
});
