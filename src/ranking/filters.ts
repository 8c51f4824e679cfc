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

/** Whether `e` passes `f`; src/catalog/filterColumns.ts tests ids by the same rules. Any genre of `genres` admits a title. */
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
