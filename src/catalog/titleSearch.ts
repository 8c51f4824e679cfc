import type { Database } from 'sql.js';
import { foldText } from './foldText.ts';
import type { TitleType } from './record.ts';

export interface TitleHit {
  id: number;
  title: string;
  year: number | null;
  type: TitleType;
  votes: number | null;
  /** The start of the overview, to tell same-titled titles apart. */
  overviewStart: string | null;
}

const OVERVIEW_START_CHARS = 140;

/**
 * Titles matching what a person typed, each word as a prefix ("now you se" finds "Now You
 * See Me"; accents are folded by the FTS tokenizer). Exact title matches first, then by votes.
 */
export function searchTitles(db: Database, typed: string, limit = 10): TitleHit[] {
  const words = foldText(typed).match(/[\p{L}\p{N}]+/gu);
  if (!words?.length) return [];
  const match = words.map((w) => `${w}*`).join(' ');
  const result = db.exec(
    `SELECT t.id, t.title, t.year, t.type, t.votes, substr(t.overview, 1, ${OVERVIEW_START_CHARS})
       FROM titles_fts JOIN titles t ON t.id = titles_fts.rowid
      WHERE titles_fts MATCH ?
      ORDER BY (lower(t.title) = ?) DESC, t.votes IS NULL, t.votes DESC
      LIMIT ?`,
    [match, typed.trim().toLowerCase(), limit],
  );
  return (result[0]?.values ?? []).map(([id, title, year, type, votes, overviewStart]) => ({
    id: id as number,
    title: title as string,
    year: year as number | null,
    type: type as TitleType,
    votes: votes as number | null,
    overviewStart: overviewStart as string | null,
  }));
}
