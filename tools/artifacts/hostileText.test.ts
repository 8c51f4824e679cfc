import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { readFacets } from '../../src/catalog/facets.ts';
import { matchTitle } from '../../src/catalog/matchTitle.ts';
import type { CatalogEntry } from '../../src/catalog/record.ts';
import { rowToEntry, TITLE_COLUMNS } from '../../src/catalog/schema.ts';
import { sqlCatalog } from '../../src/catalog/sqlCatalog.ts';
import { findTitleRef } from '../../src/catalog/titleRef.ts';
import { createTitleSearch } from '../../src/catalog/titleSearch.ts';
import { encodeTitleTexts, readTitleTexts } from '../../src/catalog/titleTexts.ts';
import { writeCatalogDb } from './sqliteCatalog.ts';

// Text that ends a quoted SQL string or a JSON string and carries a statement after it: a
// query built by pasting text in would run it, fail to parse, or match every title.
const TITLE = "Robert'); DROP TABLE titles; --";
const ORIGINAL_TITLE = '"; DELETE FROM titles; --';
const GENRE = `say "cheese' \\ ]`;
const LANGUAGE = "x' OR '1'='1";
const PERSON = "O'Brien\"); DROP TABLE meta; --";
const INJECTED = "' OR 1=1 --";

const entry = (id: number, title: string, patch: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id, key: `trakt:${1000 + id}`, type: 'movie', title, originalTitle: null, year: 2001, released: null, runtime: 100, overview: `About ${title}.`, tagline: null,
  genres: ['drama'], language: 'en', country: 'us', certification: null, rating: 7, votes: 100 + id,
  ids: { trakt: 1000 + id, slug: null, imdb: `tt${id}`, tmdb: 2000 + id }, show: null, credits: [], ...patch,
});

describe('catalog text where it meets SQL', async () => {
  const entries = [
    entry(0, 'Heat'),
    entry(1, 'Amélie', { language: 'fr' }),
    entry(2, TITLE, { originalTitle: ORIGINAL_TITLE, genres: [GENRE, 'drama'], language: LANGUAGE, credits: [{ name: PERSON, role: 'cast', job: INJECTED }] }),
  ];
  const SQL = await initSqlJs();
  const db = new SQL.Database(await writeCatalogDb(entries, { source: INJECTED }));
  const texts = readTitleTexts(encodeTitleTexts(entries), entries.length);
  const catalog = sqlCatalog(db, texts);
  const all = [0, 1, 2];

  it('is stored as written, every table intact', () => {
    expect(db.exec(`SELECT ${TITLE_COLUMNS} FROM titles ORDER BY id`)[0]!.values.map((row) => rowToEntry(row, texts))).toEqual(entries);
    expect(db.exec("SELECT value FROM meta WHERE key = 'source'")[0]!.values).toEqual([[INJECTED]]);
  });

  it('filters match it as a value, never as SQL', () => {
    expect(catalog.filteredIds({ genres: [GENRE] })).toEqual([2]);
    expect(catalog.filteredIds({ excludeGenres: [GENRE] })).toEqual([0, 1]);
    expect(catalog.filteredIds({ language: LANGUAGE })).toEqual([2]);
    expect(catalog.filteredIds({ genres: [`drama') OR 1=1 --`] })).toEqual([]);
    expect(catalog.filteredIds({ genres: ['drama"]'] })).toEqual([]);
    expect(catalog.filteredIds({ excludeGenres: [INJECTED] })).toEqual(all);
    expect(catalog.filteredIds({ language: INJECTED })).toEqual([]);
    expect(readFacets(db).genres.map((g) => g.value)).toContain(GENRE);
  });

  it('title search finds it by its words and by its original title', () => {
    const search = createTitleSearch(db, texts);
    expect(search('robert drop table').map((h) => h.id)).toEqual([2]);
    expect(search(ORIGINAL_TITLE).map((h) => h.id)).toEqual([2]);
    expect(search(INJECTED)).toEqual([]);
  });

  it('a kept title and a typed reference find only the title they name', () => {
    const kept = { key: `trakt:1' OR '1'='1`, type: 'movie' as const, year: 2001, ids: { imdb: `tt0' OR '1'='1` } };
    expect(matchTitle(db, { ...kept, title: TITLE })).toBe(2);
    expect(matchTitle(db, { ...kept, title: INJECTED })).toBeUndefined();
    expect(findTitleRef(db, { by: 'imdb', value: `tt0' OR '1'='1` })).toBeUndefined();
    expect(findTitleRef(db, { by: 'h', value: INJECTED })).toBeUndefined();
  });
});
