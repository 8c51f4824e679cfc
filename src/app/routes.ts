import type { Filters } from '../ranking/filters.ts';
import { withoutEmpty } from './filterEdits.ts';
import type { TitleType } from '../catalog/record.ts';

/** What the similar list is asked for besides filters. */
export interface ResultOptions {
  hideFranchise: boolean;
  /** 0 to 1. */
  popularity: number;
}

/** Every screen of the app, as its URL says. The URL is the one source of truth for them. */
export type Route =
  | { page: 'home' }
  | { page: 'search'; q: string }
  | { page: 'movie'; id: number; filters: Filters; options: ResultOptions }
  | { page: 'discover'; text: string; filters: Filters }
  | { page: 'list' }
  | { page: 'not-found'; path: string };

export const DEFAULT_OPTIONS: ResultOptions = { hideFranchise: false, popularity: 0 };

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  if (pathname === '/' || pathname === '') return { page: 'home' };
  if (pathname === '/search') return { page: 'search', q: params.get('q') ?? '' };
  if (pathname === '/discover') return { page: 'discover', text: params.get('text') ?? '', filters: parseFilters(params) };
  if (pathname === '/list') return { page: 'list' };
  const movie = /^\/movie\/(\d+)$/.exec(pathname);
  if (movie) {
    const popularity = Number(params.get('popularity'));
    return {
      page: 'movie',
      id: Number(movie[1]),
      filters: parseFilters(params),
      options: { hideFranchise: params.get('franchise') === 'hide', popularity: popularity > 0 && popularity <= 1 ? popularity : 0 },
    };
  }
  return { page: 'not-found', path: pathname };
}

export function routeUrl(route: Route): string {
  const params = new URLSearchParams();
  switch (route.page) {
    case 'home':
      return '/';
    case 'list':
      return '/list';
    case 'not-found':
      return route.path;
    case 'search':
      params.set('q', route.q);
      return `/search?${params}`;
    case 'discover':
      params.set('text', route.text);
      writeFilters(params, route.filters);
      return `/discover?${params}`;
    case 'movie':
      writeFilters(params, route.filters);
      if (route.options.hideFranchise) params.set('franchise', 'hide');
      if (route.options.popularity > 0) params.set('popularity', String(route.options.popularity));
      return `/movie/${route.id}${params.size ? `?${params}` : ''}`;
  }
}

/**
 * Filters from URL parameters: `genre=a,b`, `not=c`, `year=1990-2015` (either end may be
 * open), `runtime=80-120`, `lang=fr`, `rating=7`, `votes=1000`, `type=movie`. A value that
 * does not parse is dropped, so a hand-edited link still opens.
 */
export function parseFilters(params: URLSearchParams): Filters {
  const list = (name: string) => params.get(name)?.split(',').filter(Boolean);
  const number = (name: string) => {
    const value = Number(params.get(name) ?? NaN);
    return Number.isFinite(value) && params.get(name) !== '' ? value : undefined;
  };
  const range = (name: string): [number | undefined, number | undefined] => {
    const m = /^(\d*)-(\d*)$/.exec(params.get(name) ?? '');
    return m ? [m[1] ? Number(m[1]) : undefined, m[2] ? Number(m[2]) : undefined] : [undefined, undefined];
  };
  const [yearMin, yearMax] = range('year');
  const [runtimeMin, runtimeMax] = range('runtime');
  const type = params.get('type');
  const filters: Filters = {
    genres: list('genre'),
    excludeGenres: list('not'),
    yearMin,
    yearMax,
    runtimeMin,
    runtimeMax,
    language: params.get('lang') || undefined,
    minRating: number('rating'),
    minVotes: number('votes'),
    type: type === 'movie' || type === 'show' ? (type as TitleType) : undefined,
  };
  return withoutEmpty(filters);
}

function writeFilters(params: URLSearchParams, f: Filters): void {
  const range = (min?: number, max?: number) => (min !== undefined || max !== undefined ? `${min ?? ''}-${max ?? ''}` : undefined);
  const entries: [string, string | undefined][] = [
    ['genre', f.genres?.join(',') || undefined],
    ['not', f.excludeGenres?.join(',') || undefined],
    ['year', range(f.yearMin, f.yearMax)],
    ['runtime', range(f.runtimeMin, f.runtimeMax)],
    ['lang', f.language],
    ['rating', f.minRating?.toString()],
    ['votes', f.minVotes?.toString()],
    ['type', f.type],
  ];
  for (const [name, value] of entries) if (value !== undefined) params.set(name, value);
}
