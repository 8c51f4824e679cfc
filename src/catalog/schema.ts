import type { CatalogEntry } from './record.ts';
import type { TitleText, TitleTexts } from './titleTexts.ts';

/**
 * 5: overviews and taglines moved to their own file (src/catalog/titleTexts.ts); 6: `text_credit`;
 * 7: no genre or people tables and no index that no query uses (a quarter of the file): filters
 * read `titles.genres` into typed arrays (src/catalog/filterColumns.ts), and the filter panel's
 * counts are the build's, in `meta` (src/catalog/facets.ts).
 */
export const SCHEMA_VERSION = 7;

/**
 * The catalog database the build writes and the browser reads (sql.js on both sides).
 * `titles.id` is the catalog id and the vector index label; `titles.key` the stable id.
 * Overviews and taglines are not in it: they are most of the text, and none of SQL's work.
 */
export const SCHEMA_SQL = `
CREATE TABLE titles (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,        -- stable id (src/catalog/titleKey.ts)
  type TEXT NOT NULL CHECK (type IN ('movie', 'show')),
  title TEXT NOT NULL,
  original_title TEXT,
  year INTEGER,
  released TEXT,
  runtime INTEGER,
  genres TEXT NOT NULL,            -- JSON array of genre slugs, for display
  language TEXT,
  country TEXT,
  certification TEXT,
  rating REAL,
  votes INTEGER,
  trakt_id INTEGER,
  slug TEXT,
  imdb_id TEXT,
  tmdb_id INTEGER,
  show TEXT,                       -- JSON of the show-only fields, NULL for movies
  credits TEXT NOT NULL,           -- JSON array of {name, role, job}, billing order
  text_credit TEXT                 -- JSON {source, url, licence} of an overview from elsewhere (Wikipedia), else NULL
);
CREATE TABLE title_search (         -- one row: typeahead's data, read whole at start-up
  ids BLOB NOT NULL,               -- int32 little-endian title ids, most votes first
  text TEXT NOT NULL               -- per id a line of folded title words (src/catalog/titleIndex.ts)
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX titles_year ON titles(year);
CREATE INDEX titles_trakt ON titles(trakt_id);
CREATE INDEX titles_tmdb ON titles(tmdb_id);
CREATE INDEX titles_imdb ON titles(imdb_id);
`;

export const TITLE_COLUMNS =
  'id, key, type, title, original_title, year, released, runtime, genres, language, country, certification, rating, votes, trakt_id, slug, imdb_id, tmdb_id, show, credits, text_credit';

type SqlValue = string | number | null | Uint8Array;

export function entryToRow(e: CatalogEntry): SqlValue[] {
  return [
    e.id, e.key, e.type, e.title, e.originalTitle, e.year, e.released, e.runtime,
    JSON.stringify(e.genres), e.language, e.country, e.certification, e.rating, e.votes,
    e.ids.trakt, e.ids.slug, e.ids.imdb, e.ids.tmdb, e.show ? JSON.stringify(e.show) : null, JSON.stringify(e.credits),
    e.textCredit ? JSON.stringify(e.textCredit) : null,
  ];
}

/**
 * Inverse of `entryToRow`, for a row selected with `TITLE_COLUMNS`, with the title's texts.
 * Those are read when first asked for: ranking reads hundreds of entries to test filters,
 * and shows ten. (Copies, comlink's included, read them like any other field.)
 */
export function rowToEntry(row: SqlValue[], texts: TitleTexts): CatalogEntry {
  const [id, key, type, title, originalTitle, year, released, runtime, genres, language, country, certification, rating, votes, trakt, slug, imdb, tmdb, show, credits, textCredit] = row as (string | number | null)[];
  let text: TitleText | undefined;
  const read = () => (text ??= texts.of(id as number));
  return {
    id: id as number,
    key: key as string,
    type: type as CatalogEntry['type'],
    title: title as string,
    originalTitle: originalTitle as string | null,
    year: year as number | null,
    released: released as string | null,
    runtime: runtime as number | null,
    get overview() {
      return read().overview;
    },
    get tagline() {
      return read().tagline;
    },
    genres: JSON.parse(genres as string) as string[],
    language: language as string | null,
    country: country as string | null,
    certification: certification as string | null,
    rating: rating as number | null,
    votes: votes as number | null,
    ids: { trakt: trakt as number | null, slug: slug as string | null, imdb: imdb as string | null, tmdb: tmdb as number | null },
    show: show ? JSON.parse(show as string) : null,
    credits: JSON.parse(credits as string) as CatalogEntry['credits'],
    // Only where there is one: most titles' text is their source's own.
    ...(textCredit ? { textCredit: JSON.parse(textCredit as string) as CatalogEntry['textCredit'] } : {}),
  };
}
