import type { TraktMovie, TraktShow } from '../../trakt/shapes.ts';
import { notFound, type Answer } from './answer.ts';
import type { Route } from './routes.ts';

type Title = TraktMovie | TraktShow;

export interface FakeCatalog {
  movies: TraktMovie[];
  shows: TraktShow[];
  /** `/movies/{id}/people` answers, by `movie:ID` or `show:ID`; others get no cast or crew. */
  people?: Map<string, unknown>;
}

/** A paged endpoint's whole listing: its titles in order, each as the endpoint wraps it, and a name for the paging quirks. */
export interface Listing {
  name: string;
  items: Title[];
  wrap: (item: Title) => unknown;
}

/**
 * What each endpoint answers from the catalog, as Trakt shapes it: full objects with
 * `extended=full`, title, year and ids without. Titles are read at each request, so a test
 * may change one between requests.
 */
export function createEndpoints(catalog: FakeCatalog) {
  const searchable = { movie: byYear(catalog.movies), show: byYear(catalog.shows) };
  const titlesOf = (route: Route) => (route.type === 'movie' ? catalog.movies : catalog.shows);
  const shaper = (params: URLSearchParams) => (params.get('extended') === 'full' ? (i: Title) => i : (i: Title) => ({ title: i.title, year: i.year, ids: i.ids }));

  return {
    /** Parameters a strict server refuses a request without: `/search` is a text search and needs its `query`, empty or not. */
    refusal(route: Route, params: URLSearchParams): Answer | null {
      return route.kind === 'search' && !params.has('query') ? { status: 400, body: '{"error":"query is required"}' } : null;
    },

    /** A single title, or its people. */
    title(route: Extract<Route, { kind: 'single' | 'people' }>, params: URLSearchParams): Answer {
      const item = titlesOf(route).find((i) => i.ids.trakt === route.id);
      if (!item) return notFound;
      const body = route.kind === 'people' ? (catalog.people?.get(`${route.type}:${route.id}`) ?? { cast: [], crew: {} }) : shaper(params)(item);
      return { status: 200, body: JSON.stringify(body) };
    },

    listing(route: Extract<Route, { kind: 'search' | 'updates' | 'list' }>, params: URLSearchParams): Listing {
      const { type } = route;
      const shape = shaper(params);
      if (route.kind === 'search') {
        const year = Number(params.get('years'));
        const query = params.get('query')?.toLowerCase();
        const languages = params.get('languages')?.split(',');
        return {
          name: `${type}:${year}:${query ?? ''}:${languages ?? ''}`,
          items: (searchable[type].get(year) ?? []).filter((i) => (!query || i.title.toLowerCase().includes(query)) && (!languages || languages.includes(i.language ?? ''))),
          wrap: (i) => ({ type, score: 1000, [type]: shape(i) }),
        };
      }
      if (route.kind === 'updates') {
        return {
          name: `${type}:updates:${route.since}`,
          items: titlesOf(route).filter((i) => i.updated_at >= route.since).sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.ids.trakt - b.ids.trakt),
          // The updates feed names titles; it never carries them in full.
          wrap: (i) => ({ updated_at: i.updated_at, [type]: { title: i.title, year: i.year, ids: i.ids } }),
        };
      }
      return {
        name: `${type}:${route.list}`,
        items: [...titlesOf(route)].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.ids.trakt - b.ids.trakt),
        wrap: route.list === 'trending' ? (i) => ({ watchers: 10, [type]: shape(i) }) : shape,
      };
    },
  };
}

/** Titles by year, in Trakt id order, for the year-filtered search. */
function byYear(items: Title[]): Map<number, Title[]> {
  const map = new Map<number, Title[]>();
  for (const item of [...items].sort((a, b) => a.ids.trakt - b.ids.trakt)) {
    const list = map.get(item.year ?? 0) ?? [];
    list.push(item);
    map.set(item.year ?? 0, list);
  }
  return map;
}
