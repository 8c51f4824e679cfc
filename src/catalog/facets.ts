import type { Database } from 'sql.js';

/** What the catalog holds to filter by, with how many titles have each value: the filter panel's choices. */
export interface Facets {
  genres: { value: string; titles: number }[];
  languages: { value: string; titles: number }[];
  years: { min: number; max: number } | null;
  types: { movie: number; show: number };
}

export function readFacets(db: Database): Facets {
  const rows = (sql: string) => (db.exec(sql)[0]?.values ?? []) as [string, number][];
  const counts = (sql: string) => rows(sql).map(([value, titles]) => ({ value, titles }));
  const [minYear, maxYear] = (db.exec('SELECT min(year), max(year) FROM titles')[0]?.values[0] ?? []) as (number | null)[];
  const types = Object.fromEntries(rows('SELECT type, count(*) FROM titles GROUP BY type'));
  return {
    genres: counts('SELECT genre, count(*) FROM title_genres GROUP BY genre ORDER BY genre'),
    languages: counts('SELECT language, count(*) FROM titles WHERE language IS NOT NULL GROUP BY language ORDER BY 2 DESC, 1'),
    years: minYear != null && maxYear != null ? { min: minYear, max: maxYear } : null,
    types: { movie: types.movie ?? 0, show: types.show ?? 0 },
  };
}
