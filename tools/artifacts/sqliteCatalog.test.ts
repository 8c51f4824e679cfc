import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { readFacets } from '../../src/catalog/facets.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { rowToEntry, SCHEMA_VERSION, TITLE_COLUMNS } from '../../src/catalog/schema.ts';
import { sqlCatalog } from '../../src/catalog/sqlCatalog.ts';
import { createTitleSearch, distance } from '../../src/catalog/titleSearch.ts';
import { findTitleRef, parseTitleRef } from '../../src/catalog/titleRef.ts';
import { encodeTitleTexts, readTitleTexts } from '../../src/catalog/titleTexts.ts';
import { writeCatalogDb } from './sqliteCatalog.ts';

const entry = (id: number, title: string, patch: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id, key: `trakt:${1000 + id}`, type: 'movie', title, originalTitle: null, year: 2001, released: '2001-04-25', runtime: 122, overview: `About ${title}.`, tagline: null,
  genres: ['comedy', 'romance'], language: 'fr', country: 'fr', certification: 'R', rating: 7.912345, votes: 100 + id,
  ids: { trakt: 1000 + id, slug: `s-${id}`, imdb: `tt${id}`, tmdb: 2000 + id }, show: null, credits: [], ...patch,
});

describe('catalog database', async () => {
  const entries = [
    entry(0, 'Amélie', { originalTitle: "Le Fabuleux Destin d'Amélie Poulain", votes: 9000 }),
    entry(1, 'Now You See Me', { votes: 30000, credits: [{ name: 'Jesse Eisenberg', role: 'cast', job: 'J. Daniel Atlas' }, { name: 'Louis Leterrier', role: 'crew', job: 'Director' }] }),
    entry(2, 'Now You See Me 2', { votes: 18000 }),
    entry(3, 'Money Heist', { type: 'show', show: { network: 'Netflix', status: 'ended', airedEpisodes: 41 }, rating: null, votes: null }),
    entry(4, 'Harry Potter and the Chamber of Secrets', { votes: 20000 }),
    entry(5, 'Harry Potter and the Prisoner of Azkaban', { votes: 21000 }),
    entry(6, 'The Prestige', { votes: 15000 }),
    entry(7, 'Chamber of Horrors', { votes: 50 }),
    entry(8, 'Zyzzyva Tale', { overview: `${'x'.repeat(139)}\u{1F3AC} and more`, votes: 1 }),
  ];
  const SQL = await initSqlJs();
  const db = new SQL.Database(await writeCatalogDb(entries, { source: 'test' }));
  const texts = readTitleTexts(encodeTitleTexts(entries), entries.length);
  const search = createTitleSearch(db, texts);

  it('round-trips every field of every record, float precision included, texts from their own file', () => {
    const rows = db.exec(`SELECT ${TITLE_COLUMNS} FROM titles ORDER BY id`)[0]!.values;
    expect(rows.map((row) => rowToEntry(row, texts))).toEqual(entries);
    expect(db.exec('SELECT name FROM pragma_table_info(\'titles\')')[0]!.values.flat()).not.toContain('overview');
    expect(distance('poter', 'potter', 2)).toBe(1);
    expect(distance('prestgie', 'prestige', 2)).toBe(1);
    expect(distance('abc', 'xyz', 1)).toBe(2);
  });

  it('has the indexes of its lookups and only those', () => {
    const names = db.exec("SELECT name FROM sqlite_master WHERE type IN ('index', 'table') AND name NOT LIKE 'sqlite_%' ORDER BY name")[0]!.values.flat();
    expect(names).toEqual(['meta', 'title_search', 'titles', 'titles_imdb', 'titles_tmdb', 'titles_trakt', 'titles_year']);
    expect(db.exec("SELECT value FROM meta WHERE key = 'schema_version'")[0]!.values[0]![0]).toBe(String(SCHEMA_VERSION));
  });

  it('stores the filter panel\'s facets, a genre listed twice for a title counted once', async () => {
    const titles = [
      entry(0, 'Heat', { genres: ['drama', 'crime', 'crime'], language: 'en', year: 1995 }),
      entry(1, 'Ronin', { genres: ['crime'], language: 'en', year: 1998 }),
      entry(2, 'La Haine', { genres: ['drama'], language: 'fr', year: null }),
      entry(3, 'Money Heist', { type: 'show', genres: ['crime'], language: 'es', year: 2017 }),
      entry(4, 'Untitled', { genres: [], language: null, year: null }),
    ];
    const written = new SQL.Database(await writeCatalogDb(titles, {}));
    expect(readFacets(written)).toEqual({
      genres: [{ value: 'crime', titles: 3 }, { value: 'drama', titles: 2 }],
      languages: [{ value: 'en', titles: 2 }, { value: 'es', titles: 1 }, { value: 'fr', titles: 1 }],
      years: { min: 1995, max: 2017 },
      types: { movie: 4, show: 1 },
    });
    const catalog = sqlCatalog(written, readTitleTexts(encodeTitleTexts(titles), titles.length));
    expect(catalog.filteredIds({ genres: ['crime'], excludeGenres: ['drama'] })).toEqual([1, 3]);
    expect(readFacets(new SQL.Database(await writeCatalogDb([], {})))).toEqual({ genres: [], languages: [], years: null, types: { movie: 0, show: 0 } });
    written.run("DELETE FROM meta WHERE key = 'facets'");
    expect(() => readFacets(written)).toThrow('the catalog database has no facets: rebuild it with `npm run catalog`');
  });

  it('finds titles by prefix, without accents and by original title, exact match first', () => {
    expect(search('amelie').map((h) => h.title)).toEqual(['Amélie']);
    expect(search('fabuleux destin').map((h) => h.id)).toEqual([0]);
    expect(search('now you se').map((h) => h.title)).toEqual(['Now You See Me', 'Now You See Me 2']);
    expect(search('now you see me 2')[0]).toMatchObject({ title: 'Now You See Me 2', year: 2001, type: 'movie', overviewStart: 'About Now You See Me 2.' });
    expect(search('   ')).toEqual([]);
    // The start of an overview never ends in half a character (the emoji at 140 is two UTF-16 units).
    expect(search('zyzzyva')[0]!.overviewStart).toBe('x'.repeat(139));
  });

  it('corrects misspelt words from the titles\' own words, after exact matches', () => {
    expect(search('harry poter chamber').map((h) => h.title)).toEqual(['Harry Potter and the Chamber of Secrets']);
    expect(search('harry poter').map((h) => h.title)).toEqual(['Harry Potter and the Prisoner of Azkaban', 'Harry Potter and the Chamber of Secrets']);
    expect(search('the prestgie').map((h) => h.title)).toEqual(['The Prestige']);
    expect(search('now you se me').map((h) => h.title)).toEqual(['Now You See Me', 'Now You See Me 2']);
    // The word being typed is a prefix: "chamb" is not misspelt, "chanb" is.
    expect(search('chanb').map((h) => h.title)).toEqual(['Harry Potter and the Chamber of Secrets', 'Chamber of Horrors']);
    // A word with no near match is dropped rather than failing the search.
    expect(search('prestige qqqqqq').map((h) => h.title)).toEqual(['The Prestige']);
    expect(search('zzzzzz')).toEqual([]);
  });

  it('resolves keys, trakt, tmdb and imdb ids and catalog positions; a show only with its prefix where a movie shares the number', () => {
    const find = (ref: string) => findTitleRef(db, parseTitleRef(ref)!);
    expect(find('trakt:1002')).toBe(2);
    expect(find('tmdb:2001')).toBe(1);
    expect(find('imdb:tt3')).toBe(3);
    expect(find('id:0')).toBe(0);
    expect(find('tmdb:99')).toBeUndefined();
    // Money Heist (3) is a show: a movie-less number still finds it, the show: prefix asks for shows only.
    expect(find('trakt:1003')).toBe(3);
    expect(find('show:trakt:1003')).toBe(3);
    expect(find('show:trakt:1002')).toBeUndefined();
    expect(parseTitleRef('Heat')).toBeNull();
    expect(parseTitleRef('1917')).toBeNull();
  });
});
