import { MARQUEE_LIST_FORMAT } from '../history/marqueeList.ts';
import type { ListMark } from './myList.ts';

/**
 * My list in Letterboxd's import format (Title, Year, imdbID, tmdbID, Rating10,
 * WatchedDate), which Letterboxd and Marquee read. Marquee keeps likes, not ratings: a like
 * goes out as 10, the only rating a like can mean; a seen title gets its WatchedDate (the
 * day it was marked), so a title liked but not seen has a rating and no date.
 */
export function listAsLetterboxdCsv(marks: readonly ListMark[]): string {
  const rows = [['Title', 'Year', 'imdbID', 'tmdbID', 'Rating10', 'WatchedDate']];
  for (const m of marks) {
    rows.push([m.title, m.year === null ? '' : String(m.year), m.ids.imdb ?? '', m.ids.tmdb ? String(m.ids.tmdb) : '', m.liked ? '10' : '', m.seen ? new Date(m.at).toISOString().slice(0, 10) : '']);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** My list whole, as Marquee reads it back (src/history/marqueeList.ts). */
export function listAsJson(marks: readonly ListMark[], now = new Date()): string {
  return `${JSON.stringify({ format: MARQUEE_LIST_FORMAT, version: 1, exportedAt: now.toISOString(), marks }, null, 2)}\n`;
}

/**
 * A CSV cell, quoted when it must be. A cell a spreadsheet would run as a formula (starting
 * with =, +, -, @, or a tab or carriage return) gets a leading apostrophe, which
 * spreadsheets show as text and Marquee's reader drops again.
 */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
