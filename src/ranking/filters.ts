import type { CatalogEntry, TitleType } from '../catalog/record.ts';

/** What a person can narrow results by. Every field is optional; ranges are inclusive. */
export interface Filters {
  genres?: string[];
  excludeGenres?: string[];
  yearMin?: number;
  yearMax?: number;
  runtimeMin?: number;
  runtimeMax?: number;
  language?: string;
  minRating?: number;
  minVotes?: number;
  type?: TitleType;
}

export function isUnfiltered(f: Filters): boolean {
  return Object.values(f).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

/** In-memory form of the same rules as `filtersToSql`. Any genre of `genres` admits a title. */
export function matchesFilters(e: CatalogEntry, f: Filters): boolean {
  if (f.type && e.type !== f.type) return false;
  if (f.genres?.length && !f.genres.some((g) => e.genres.includes(g))) return false;
  if (f.excludeGenres?.some((g) => e.genres.includes(g))) return false;
  if (f.yearMin !== undefined && (e.year === null || e.year < f.yearMin)) return false;
  if (f.yearMax !== undefined && (e.year === null || e.year > f.yearMax)) return false;
  if (f.runtimeMin !== undefined && (e.runtime === null || e.runtime < f.runtimeMin)) return false;
  if (f.runtimeMax !== undefined && (e.runtime === null || e.runtime > f.runtimeMax)) return false;
  if (f.language && e.language !== f.language) return false;
  if (f.minRating !== undefined && (e.rating === null || e.rating < f.minRating)) return false;
  if (f.minVotes !== undefined && (e.votes === null || e.votes < f.minVotes)) return false;
  return true;
}

/**
 * A WHERE clause over `titles` (aliased `t`) with its parameters. A genre list is bound as
 * one JSON array, so the clause binds a dozen values at most whatever the filters: SQLite
 * refuses a statement with more than 32,766.
 */
export function filtersToSql(f: Filters): { where: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | number) => {
    clauses.push(sql);
    params.push(value);
  };
  if (f.type) add('t.type = ?', f.type);
  if (f.genres?.length) add('t.id IN (SELECT title_id FROM title_genres WHERE genre IN (SELECT value FROM json_each(?)))', JSON.stringify(f.genres));
  if (f.excludeGenres?.length) add('t.id NOT IN (SELECT title_id FROM title_genres WHERE genre IN (SELECT value FROM json_each(?)))', JSON.stringify(f.excludeGenres));
  if (f.yearMin !== undefined) add('t.year >= ?', f.yearMin);
  if (f.yearMax !== undefined) add('t.year <= ?', f.yearMax);
  if (f.runtimeMin !== undefined) add('t.runtime >= ?', f.runtimeMin);
  if (f.runtimeMax !== undefined) add('t.runtime <= ?', f.runtimeMax);
  if (f.language) add('t.language = ?', f.language);
  if (f.minRating !== undefined) add('t.rating >= ?', f.minRating);
  if (f.minVotes !== undefined) add('t.votes >= ?', f.minVotes);
  return { where: clauses.length ? clauses.join(' AND ') : '1', params };
}
