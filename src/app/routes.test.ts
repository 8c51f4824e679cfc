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
      id: 42,
      filters: { genres: ['crime', 'drama'], excludeGenres: ['horror'], yearMin: 1990, yearMax: 2015, runtimeMax: 120, language: 'fr', minRating: 7.5, minVotes: 1000, type: 'show' },
      options: { hideFranchise: true, popularity: 0.3 },
    },
    { page: 'movie', id: 7, filters: {}, options: { hideFranchise: false, popularity: 0 } },
  ])('round-trips %j through its URL', (route) => {
    const url = new URL(routeUrl(route), 'http://x');
    expect(parseRoute(url.pathname, url.search)).toEqual(route);
  });

  it('keeps a movie link short when nothing is set', () => {
    expect(routeUrl({ page: 'movie', id: 7, filters: {}, options: { hideFranchise: false, popularity: 0 } })).toBe('/movie/7');
  });

  it('drops values that do not parse, so a hand-edited link still opens', () => {
    expect(parseRoute('/movie/3', '?year=abc&rating=&votes=lots&type=film&popularity=9&genre=,')).toEqual({
      page: 'movie',
      id: 3,
      filters: {},
      options: { hideFranchise: false, popularity: 0 },
    });
    expect(parseRoute('/movie/3', '?year=-1999&runtime=90-').page === 'movie' && parseRoute('/movie/3', '?year=-1999&runtime=90-')).toMatchObject({ filters: { yearMax: 1999, runtimeMin: 90 } });
  });

  it('names an unknown path', () => {
    expect(parseRoute('/movies/abc', '')).toEqual({ page: 'not-found', path: '/movies/abc' });
  });
});
