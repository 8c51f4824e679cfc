/** The normalised catalog record every importer produces and every later step consumes. */
export type TitleType = 'movie' | 'show';

export interface ExternalIds {
  trakt: number | null;
  slug: string | null;
  imdb: string | null;
  tmdb: number | null;
}

export interface TitleRecord {
  type: TitleType;
  title: string;
  originalTitle: string | null;
  year: number | null;
  /** YYYY-MM-DD: release date of a movie, first air date of a show. */
  released: string | null;
  /** Minutes. */
  runtime: number | null;
  overview: string | null;
  tagline: string | null;
  /** Trakt genre slugs, e.g. `science-fiction`. */
  genres: string[];
  /** ISO 639-1, lower case. */
  language: string | null;
  /** ISO 3166-1 alpha-2, lower case. */
  country: string | null;
  certification: string | null;
  /** 0-10, as precise as the source gives it. */
  rating: number | null;
  votes: number | null;
  ids: ExternalIds;
  /** Show-only fields (network, status, aired_episodes); null for movies. */
  show: ShowFields | null;
  /** Cast and crew, in billing order; empty where the source has none. */
  credits: Credit[];
}

export interface Credit {
  name: string;
  role: 'cast' | 'crew';
  /** The character for cast, the job for crew ("Director"). */
  job: string | null;
}

export interface ShowFields {
  network: string | null;
  status: string | null;
  airedEpisodes: number | null;
}

/** A record with its catalog id: dense from 0, and also its label in the vector index. */
export interface CatalogEntry extends TitleRecord {
  id: number;
}
