import type { TitleRecord } from '../../src/catalog/record.ts';

/** Why a source record was left out of the catalog. */
export type RejectReason =
  | 'missing-title'
  | 'impossible-year'
  | 'impossible-runtime'
  | 'impossible-rating'
  /** Negative, fractional or beyond 2^53. */
  | 'impossible-votes'
  /** A Trakt or TMDB id that is not a safe positive integer. */
  | 'invalid-id'
  | 'duplicate-id'
  | 'broken-text'
  | 'malformed';

export interface Rejection {
  reason: RejectReason;
  /** Where in the source: `file:line` or `item N`. */
  where: string;
  title: string | null;
  detail: string;
}

/** What an importer yields per source item: a record to validate, or a record it could not even read. */
export type ImportItem =
  | { ok: true; record: TitleRecord; where: string }
  | { ok: false; rejection: Rejection };

export interface ImportSource {
  /** For the manifest: what was read. */
  describe: string;
  items(): AsyncIterable<ImportItem>;
}
