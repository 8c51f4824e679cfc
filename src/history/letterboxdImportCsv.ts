import { IMDB_ID } from '../catalog/titleRef.ts';
import { columnReader } from './columns.ts';
import { parseCsv } from './csv.ts';
import { cellText, looksLikeFormula, parseDate, parseYear, type HistoryFile, type HistoryItem } from './historyItem.ts';

/** Whether a CSV header is Letterboxd's import format (what Marquee exports, and other tools write for Letterboxd). */
export function isLetterboxdImportHeader(header: string[]): boolean {
  return header.includes('Title') && (header.includes('Rating10') || header.includes('WatchedDate') || header.includes('imdbID') || header.includes('tmdbID'));
}

/**
 * Letterboxd's import format: Title, Year, imdbID, tmdbID, Rating10 (1-10) or Rating (0.5-5),
 * WatchedDate. A WatchedDate says it was watched; a rating alone does not (Marquee exports
 * a title liked but not seen as rated 10 with no date); a title with neither is listed.
 */
export function readLetterboxdImportCsv(name: string, text: string): HistoryFile {
  const table = parseCsv(text);
  const cell = columnReader(table, name, ['Title']);
  const items: HistoryItem[] = [];
  const skipped: HistoryFile['skipped'] = [];
  for (const { line, cells } of table.rows) {
    const where = `${name}:${line}`;
    const title = cellText(cell(cells, 'Title'));
    const year = parseYear(cell(cells, 'Year'));
    const imdb = cellText(cell(cells, 'imdbID'));
    const tmdb = cellText(cell(cells, 'tmdbID'));
    const ten = cellText(cell(cells, 'Rating10'));
    const five = cellText(cell(cells, 'Rating'));
    const rating = ten !== '' ? Number(ten) : five !== '' ? Number(five) * 2 : null;
    const watched = parseDate(cell(cells, 'WatchedDate'));
    if (!title) skipped.push({ where, reason: 'no title' });
    else if (looksLikeFormula(title)) skipped.push({ where, reason: 'the title looks like a spreadsheet formula' });
    else if (year === undefined) skipped.push({ where, reason: `"${cell(cells, 'Year')}" is not a year` });
    else if (imdb !== '' && !IMDB_ID.test(imdb)) skipped.push({ where, reason: `"${imdb}" is not an IMDb id` });
    else if (tmdb !== '' && !/^[1-9]\d{0,9}$/.test(tmdb)) skipped.push({ where, reason: `"${tmdb}" is not a TMDB id` });
    else if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 10)) skipped.push({ where, reason: `"${ten || five}" is not a rating` });
    else {
      const ids = { ...(imdb && { imdb }), ...(tmdb && { tmdb: Number(tmdb) }) };
      items.push({ where, title, year, ids, rating, liked: false, seen: watched !== null, ...(rating === null && watched === null && { listed: 'list' as const }), at: watched });
    }
  }
  return { source: 'letterboxd', describe: `Letterboxd import CSV (${name})`, items, skipped };
}
