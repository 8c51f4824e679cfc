import type { TitleRecord } from '../../src/catalog/record.ts';

/** Trakt's `extended=full` movie. Everything but title, year and ids may be null. */
export interface TraktMovie {
  title: string;
  year: number | null;
  ids: { trakt: number; slug: string; imdb: string | null; tmdb: number | null };
  tagline: string | null;
  overview: string | null;
  released: string | null;
  runtime: number | null;
  country: string | null;
  trailer: string | null;
  homepage: string | null;
  status: string | null;
  rating: number | null;
  votes: number | null;
  comment_count: number;
  updated_at: string;
  language: string | null;
  languages: string[];
  available_translations: string[];
  genres: string[];
  certification: string | null;
  original_title: string | null;
}

/** A show has a tvdb id, first_aired instead of released, and network, airs, aired_episodes. */
export interface TraktShow extends Omit<TraktMovie, 'released' | 'ids'> {
  ids: TraktMovie['ids'] & { tvdb: number | null };
  first_aired: string | null;
  network: string | null;
  airs: { day: string | null; time: string | null; timezone: string | null };
  aired_episodes: number | null;
}

export function slugify(title: string, year: number | null): string {
  const base = title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return year === null ? base : `${base}-${year}`;
}

/** A catalog movie as Trakt would serve it (Trakt takes its movie metadata from TMDB). */
export function recordToTraktMovie(r: TitleRecord, trakt: number): TraktMovie {
  return {
    title: r.title,
    year: r.year,
    ids: { trakt, slug: slugify(r.title, r.year), imdb: r.ids.imdb, tmdb: r.ids.tmdb },
    tagline: r.tagline,
    overview: r.overview,
    released: r.released,
    runtime: r.runtime,
    country: r.country,
    trailer: null,
    homepage: null,
    status: 'released',
    rating: r.rating,
    votes: r.votes,
    comment_count: 0,
    updated_at: '2026-01-01T00:00:00.000Z',
    language: r.language,
    languages: r.language ? [r.language] : [],
    available_translations: r.language ? [r.language] : [],
    genres: r.genres,
    certification: r.certification,
    original_title: r.originalTitle,
  };
}
