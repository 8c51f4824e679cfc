import { describe, expect, it } from 'vitest';
import { parseRoute, routeUrl, type Route } from './routes.ts';

describe('routes', () => {
  it.each<Route>([
    { page: 'home' },
    { page: 'search', q: 'king kong' },
    { page: 'list' },
    { page: 'discover', text: 'a heist by stage magicians', filters: { type: 'movie', yearMin: 2000 } },
    {
      page: 'movie',
      key: 'show:trakt:42',
      filters: { genres: ['crime', 'drama'], excludeGenres: ['horror'], yearMin: 1990, yearMax: 2015, runtimeMax: 120, language: 'fr', minRating: 7.5, minVotes: 1000, type: 'show' },
      options: { hideFranchise: true, popularity: 0.3 },
    },
    { page: 'movie', key: 'tmdb:7', filters: {}, options: { hideFranchise: false, popularity: 0 } },
    // A hash key, and text that is no key at all: the page says the catalog has no such title.
    { page: 'movie', key: 'h:00ff00ff00ff00ff', filters: {}, options: { hideFranchise: false, popularity: 0 } },
    { page: 'movie', key: 'a b/c?', filters: {}, options: { hideFranchise: false, popularity: 0 } },
  ])('round-trips %j through its URL', (route) => {
    const url = new URL(routeUrl(route), 'http://x');
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
  });

  it('keeps a movie link short when nothing is set', () => {
    expect(routeUrl({ page: 'movie', key: 'tmdb:7', filters: {}, options: { hideFranchise: false, popularity: 0 } })).toBe('/movie/tmdb:7');
  });

  it('drops values that do not parse, so a hand-edited link still opens', () => {
    expect(parseRoute('/movie/tmdb:3', '?year=abc&rating=&votes=lots&type=film&popularity=9&genre=,')).toEqual({
      page: 'movie',
      key: 'tmdb:3',
      filters: {},
      options: { hideFranchise: false, popularity: 0 },
    });
    expect(parseRoute('/movie/3', '?year=-1999&runtime=90-').page === 'movie' && parseRoute('/movie/3', '?year=-1999&runtime=90-')).toMatchObject({ filters: { yearMax: 1999, runtimeMin: 90 } });
  });

  it('writes filters under the names the CLI and the API use', () => {
    const url = routeUrl({ page: 'discover', text: 'space', filters: { excludeGenres: ['horror'], yearMin: 1999, yearMax: 1999, language: 'fr', minRating: 7, minVotes: 10, type: 'movie' } });
    expect(url).toBe('/discover?text=space&exclude-genre=horror&year=1999&language=fr&min-rating=7&min-votes=10&type=movie');
    const movie = new URL(routeUrl({ page: 'movie', key: 'tmdb:7', filters: {}, options: { hideFranchise: true, popularity: 0.5 } }), 'http://x');
    expect([...movie.searchParams]).toEqual([['hide-franchise', 'true'], ['popularity', '0.5']]);
  });

  it('reads a single year, as the CLI does', () => {
    expect(parseRoute('/discover', '?text=space&year=1999')).toEqual({ page: 'discover', text: 'space', filters: { yearMin: 1999, yearMax: 1999 } });
  });

  it("opens links written with the app's old parameter names", () => {
    const route = parseRoute('/movie/3', '?genre=a,b&not=c&lang=fr&rating=7.5&votes=1000&franchise=hide&popularity=0.3');
    expect(route).toMatchObject({
      filters: { genres: ['a', 'b'], excludeGenres: ['c'], language: 'fr', minRating: 7.5, minVotes: 1000 },
      options: { hideFranchise: true, popularity: 0.3 },
    });
  });

  it('keeps a genre with a comma in it through its URL', () => {
    const route: Route = { page: 'discover', text: 'x', filters: { genres: ['action, adventure', 'drama'] } };
    const url = new URL(routeUrl(route), 'http://x');
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
  });

  it('drops a list past its cap and a language that is not a language code, and opens the page', () => {
    const genres = Array.from({ length: 40_000 }, (_, i) => `g${i}`).join(',');
    expect(parseRoute('/discover', `?text=space&genre=${genres}&language=english&type=show`)).toEqual({ page: 'discover', text: 'space', filters: { type: 'show' } });
  });

  it('names an unknown path', () => {
    expect(parseRoute('/movies/abc', '')).toEqual({ page: 'not-found', path: '/movies/abc' });
  });
});
