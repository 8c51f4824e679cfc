import type { TitleType } from '../catalog/record.ts';

/** The services whose exports Marquee reads. */
export type HistorySource = 'letterboxd' | 'imdb' | 'trakt' | 'marquee';

/** One title of a person's history as an export file has it, before it is found in the catalog. */
export interface HistoryItem {
  /** File and line (or entry), for the summary. */
  where: string;
  title: string;
  /** The title in its own language, when the file gives it too (IMDb). */
  originalTitle?: string;
  year: number | null;
  /** Unknown when the file does not say (then a movie and a show of the same name are both candidates). */
  type?: TitleType;
  /** `key` is a Marquee title key, which only Marquee's own exports carry. */
  ids: { key?: string; imdb?: string; tmdb?: number; trakt?: number };
  /** The person's rating on a 10-point scale (Letterboxd's half stars doubled); null when not rated. */
  rating: number | null;
  /** Marked liked in the service itself (a Letterboxd heart). */
  liked: boolean;
  /** Watched (logged, rated, or in a watch history). */
  seen: boolean;
  /** On a list with no rating and no watch: a watchlist's titles are left out, another list's are taken as liked. */
  listed?: 'watchlist' | 'list';
  /** When the file says it was watched, rated or listed (ms since 1970). */
  at: number | null;
}

/** What a file held: its titles, and the rows it could not read, each with why. */
export interface HistoryFile {
  source: HistorySource;
  /** What was read, e.g. "Letterboxd export (watched.csv, ratings.csv)". */
  describe: string;
  items: HistoryItem[];
  skipped: { where: string; reason: string }[];
}

/** A file that is none of the formats, or is damaged: its message is shown as it is. */
export class HistoryFormatError extends Error {}

/**
 * A cell that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`): such a row
 * is refused. `+` and `-` start real titles ("+1", "-30-"), so only `=` and `@` count.
 * A leading `'` is how our own export protects a cell (src/history/exportList.ts): dropped.
 */
export function cellText(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

export function looksLikeFormula(text: string): boolean {
  return /^[=@]/.test(text);
}

/** A year as these files write it: four digits, or nothing. */
export function parseYear(raw: string | undefined): number | null | undefined {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  return /^(18|19|20)\d\d$/.test(text) ? Number(text) : undefined;
}

/** A date (`2024-03-01`, or an ISO time) as ms since 1970; null when absent or unreadable. */
export function parseDate(raw: string | undefined): number | null {
  const text = (raw ?? '').trim();
  if (!/^\d{4}-\d\d-\d\d/.test(text)) return null;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isFinite(ms) ? ms : null;
}
