import { parseFilterParams, printFilterParams, type FilterParams } from '../ranking/filterParams.ts';
import type { Filters } from '../ranking/filters.ts';

/** What the similar list is asked for besides filters. */
export type ResultOptions = Omit<FilterParams, 'filters'>;

/** Every screen of the app, as its URL says. The URL is the one source of truth for them. */
export type Route =
  | { page: 'home' }
  | { page: 'search'; q: string }
  /** `key`: the title's stable key (src/catalog/titleKey.ts), or any reference the engine reads. */
  | { page: 'movie'; key: string; filters: Filters; options: ResultOptions }
  | { page: 'discover'; text: string; filters: Filters }
  | { page: 'list' }
  /** `list`: the URL fragment that carries someone's list (src/app/sharedList.ts); never sent to a server. */
  | { page: 'shared'; list: string }
  | { page: 'not-found'; path: string };

export const DEFAULT_OPTIONS: ResultOptions = { hideFranchise: false, popularity: 0 };

export function parseRoute(pathname: string, search: string, hash = ''): Route {
  const params = new URLSearchParams(search);
  if (pathname === '/' || pathname === '') return { page: 'home' };
  if (pathname === '/search') return { page: 'search', q: params.get('q') ?? '' };
  if (pathname === '/discover') return { page: 'discover', text: params.get('text') ?? '', filters: parseFilters(params).filters };
  if (pathname === '/list') return { page: 'list' };
  if (pathname === '/shared') return { page: 'shared', list: hash.replace(/^#/, '') };
  const movie = /^\/movie\/([^/]+)$/.exec(pathname);
  if (movie) {
    const { filters, ...options } = parseFilters(params);
    return {
      page: 'movie',
      key: safeDecode(movie[1]!),
      filters,
      options,
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
    case 'shared':
      return `/shared#${route.list}`;
    case 'not-found':
      return route.path;
    case 'search':
      params.set('q', route.q);
      return `/search?${params}`;
    case 'discover':
      params.set('text', route.text);
      writeFilters(params, { ...DEFAULT_OPTIONS, filters: route.filters });
      return `/discover?${params}`;
    case 'movie':
      writeFilters(params, { ...route.options, filters: route.filters });
      // Keys (`tmdb:603`, `show:trakt:1390`) are path-safe as they are; anything else is encoded.
      return `/movie/${encodeURIComponent(route.key).replaceAll('%3A', ':')}${params.size ? `?${params}` : ''}`;
  }
}

/**
 * Filters and options from URL parameters, in the grammar the CLI and the API share
 * (src/ranking/filterParams.ts). A parameter that does not parse is dropped, so a
 * hand-edited or truncated link still opens.
 */
function parseFilters(params: URLSearchParams): FilterParams {
  return parseFilterParams(params).params;
}

function writeFilters(params: URLSearchParams, p: FilterParams): void {
  for (const [name, value] of printFilterParams(p)) params.set(name, value);
}

/** A path segment as text; one with a broken escape stays as typed rather than failing the page. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
