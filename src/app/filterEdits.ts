import type { Filters } from '../ranking/filters.ts';

export type GenreState = 'any' | 'included' | 'excluded';

export function genreState(f: Filters, genre: string): GenreState {
  return f.genres?.includes(genre) ? 'included' : f.excludeGenres?.includes(genre) ? 'excluded' : 'any';
}

/** One click on a genre: any -> included -> excluded -> any. */
export function cycleGenre(f: Filters, genre: string): Filters {
  const state = genreState(f, genre);
  const genres = (f.genres ?? []).filter((g) => g !== genre);
  const excludeGenres = (f.excludeGenres ?? []).filter((g) => g !== genre);
  if (state === 'any') genres.push(genre);
  if (state === 'included') excludeGenres.push(genre);
  return withoutEmpty({ ...f, genres, excludeGenres });
}

/** Filters without empty values, so the URL stays short and "unfiltered" is recognised as such. */
export function withoutEmpty(f: Filters): Filters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as Filters;
}
