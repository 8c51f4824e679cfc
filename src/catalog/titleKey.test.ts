import { describe, expect, it } from 'vitest';
import type { TitleRecord } from './record.ts';
import { titleKey } from './titleKey.ts';
import { parseTitleRef, TitleRefError } from './titleRef.ts';

/** FNV-1a 64 of "movie\nvertigo\n1958", computed apart from this code (Python). */
const PINNED_VERTIGO_KEY = 'h:7f308e0c75526ec2';

const record = (patch: Partial<TitleRecord> = {}): Pick<TitleRecord, 'type' | 'title' | 'year' | 'ids'> => ({
  type: 'movie', title: 'Heat', year: 1995, ids: { trakt: null, slug: null, imdb: null, tmdb: null }, ...patch,
});

describe('title keys', () => {
  it('come from the source ids in order Trakt, TMDB, IMDb, with a prefix for shows', () => {
    expect(titleKey(record({ ids: { trakt: 5, slug: 'heat', imdb: 'tt0113277', tmdb: 949 } }))).toBe('trakt:5');
    expect(titleKey(record({ ids: { trakt: null, slug: null, imdb: 'tt0113277', tmdb: 949 } }))).toBe('tmdb:949');
    expect(titleKey(record({ ids: { trakt: null, slug: null, imdb: 'tt0113277', tmdb: null } }))).toBe('imdb:tt0113277');
    expect(titleKey(record({ type: 'show', ids: { trakt: 5, slug: null, imdb: null, tmdb: null } }))).toBe('show:trakt:5');
  });

  it('hash type, title and year where a record has no id: the same film keeps its key, another gets another', () => {
    const key = titleKey(record());
    expect(key).toMatch(/^h:[0-9a-f]{16}$/);
    expect(titleKey(record({ title: 'HEAT' }))).toBe(key);
    expect(new Set([key, titleKey(record({ year: 1986 })), titleKey(record({ type: 'show' })).replace('show:', ''), titleKey(record({ title: 'Heat 2' }))]).size).toBe(4);
    // Fixed forever: lists and links made today must find the title after any rebuild, of any release.
    expect(titleKey(record({ title: 'Vertigo', year: 1958 }))).toBe(PINNED_VERTIGO_KEY);
  });

  it('parse back as references to their titles', () => {
    expect(parseTitleRef(titleKey(record({ ids: { trakt: 5, slug: null, imdb: null, tmdb: null } })))).toEqual({ by: 'trakt', value: 5 });
    expect(parseTitleRef(titleKey(record({ type: 'show', ids: { trakt: null, slug: null, imdb: null, tmdb: 7 } })))).toEqual({ by: 'tmdb', value: 7, type: 'show' });
    expect(parseTitleRef(titleKey(record({ type: 'show' })))).toEqual({ by: 'h', value: titleKey(record({ type: 'show' })), type: 'show' });
  });
});

describe('title references', () => {
  it('read every accepted form', () => {
    expect(parseTitleRef('trakt:12')).toEqual({ by: 'trakt', value: 12 });
    expect(parseTitleRef(' tmdb:603 ')).toEqual({ by: 'tmdb', value: 603 });
    expect(parseTitleRef('show:tmdb:1399')).toEqual({ by: 'tmdb', value: 1399, type: 'show' });
    expect(parseTitleRef('imdb:tt0133093')).toEqual({ by: 'imdb', value: 'tt0133093' });
    expect(parseTitleRef('id:0')).toEqual({ by: 'id', value: 0 });
  });

  it('refuse what is shaped like a reference but does not parse, naming the accepted forms', () => {
    for (const bad of ['tmdb:abc', 'trakt:-1', 'trakt:0', 'tmdb:1.5', 'imdb:123', 'imdb:tt', 'trakt:99999999999999999', 'h:xyz', 'show:id:3', 'id:', 'trakt: 12']) {
      expect(() => parseTitleRef(bad), bad).toThrow(TitleRefError);
      expect(() => parseTitleRef(bad), bad).toThrow(/use trakt:N, tmdb:N, imdb:ttN, h:HASH/);
    }
  });

  it('leave titles alone, a colon or a number in them included', () => {
    for (const title of ['Heat', 'Mission: Impossible', '1917', '2001: A Space Odyssey', 'Tmdb The Movie', 'ID:A', 'H: The Movie']) expect(parseTitleRef(title)).toBeNull();
  });
});
