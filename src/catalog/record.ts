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
  /** Where the overview comes from when it is not the catalog source's own, with the licence it is shown under. */
  textCredit?: TextCredit | null;
}

/** "Summary from Wikipedia, CC BY-SA 4.0", linked to the article. */
export interface TextCredit {
  source: string;
  url: string;
  licence: string;
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

/** A record as the catalog holds it. */
export interface CatalogEntry extends TitleRecord {
  /**
   * Its position in this build: dense from 0, and its label in the vector index. It shifts
   * when the source gains a record, so it never leaves the engine: people keep `key`.
   */
  id: number;
  /** The stable id (src/catalog/titleKey.ts): the same title keeps it across rebuilds. */
  key: string;
}
