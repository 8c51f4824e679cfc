import type { Database } from 'sql.js';
import type { CatalogEntry } from './record.ts';

/** What the catalog holds to filter by, with how many titles have each value: the filter panel's choices. */
export interface Facets {
  genres: { value: string; titles: number }[];
  languages: { value: string; titles: number }[];
  years: { min: number; max: number } | null;
  types: { movie: number; show: number };
}

/** The `meta` key the build stores a catalog's facets under. */
export const FACETS_KEY = 'facets';

/**
 * Counted once by the build, since a catalog never changes after it. Counted in the worker
 * from `titles` alone, they took about 0.1 s at 60k titles, just when the filter panel opens
 * (which can be while the index stage still loads). Genres in code-unit order, languages
 * with the most titles first.
 */
export function countFacets(entries: readonly CatalogEntry[]): Facets {
  const genres = new Map<string, number>();
  const languages = new Map<string, number>();
  const add = (counts: Map<string, number>, value: string) => counts.set(value, (counts.get(value) ?? 0) + 1);
  let [min, max] = [Infinity, -Infinity];
  let shows = 0;
  for (const e of entries) {
    for (const genre of new Set(e.genres)) add(genres, genre);
    if (e.language !== null) add(languages, e.language);
    if (e.year !== null) [min, max] = [Math.min(min, e.year), Math.max(max, e.year)];
    if (e.type === 'show') shows++;
  }
  const byValue = (a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const listed = (counts: Map<string, number>) => [...counts].map(([value, titles]) => ({ value, titles })).sort(byValue);
  return {
    genres: listed(genres),
    languages: listed(languages).sort((a, b) => b.titles - a.titles),
    years: min <= max ? { min, max } : null,
    types: { movie: entries.length - shows, show: shows },
  };
}

export function readFacets(db: Database): Facets {
  const stored = db.exec('SELECT value FROM meta WHERE key = ?', [FACETS_KEY])[0]?.values[0]?.[0];
  if (typeof stored !== 'string') throw new Error('the catalog database has no facets: rebuild it with `npm run catalog`');
  return JSON.parse(stored) as Facets;
}
