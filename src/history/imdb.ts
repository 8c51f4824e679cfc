import { IMDB_ID } from '../catalog/titleRef.ts';
import type { TitleType } from '../catalog/record.ts';
import { columnReader } from './columns.ts';
import { parseCsv } from './csv.ts';
import { cellText, looksLikeFormula, parseDate, parseYear, type HistoryFile, type HistoryItem } from './historyItem.ts';

/** IMDb's "Title Type" as the catalog's type; undefined for what the catalog never holds (episodes, games). */
const TYPES: Record<string, TitleType> = {
  movie: 'movie',
  'tv movie': 'movie',
  'tv special': 'movie',
  video: 'movie',
  short: 'movie',
  'tv short': 'movie',
  'tv series': 'show',
  'tv mini series': 'show',
  'tv miniseries': 'show',
};

/** Whether a CSV header is IMDb's (ratings or list export). */
export function isImdbHeader(header: string[]): boolean {
  return header.includes('Const') && header.includes('Title');
}

/**
 * An IMDb ratings export (Const, Your Rating 1-10, Date Rated, Title, Original Title, Title
 * Type, Year, ...) or list export (the same columns without a rating; the watchlist is one).
 * A rated title is seen; a title of a list is listed, as a watchlist's when the file is named so.
 */
export function readImdb(name: string, text: string): HistoryFile {
  const table = parseCsv(text);
  const cell = columnReader(table, name, ['Const', 'Title']);
  const watchlist = /watchlist/i.test(name);
  const items: HistoryItem[] = [];
  const skipped: HistoryFile['skipped'] = [];
  for (const { line, cells } of table.rows) {
    const where = `${name}:${line}`;
    const id = cellText(cell(cells, 'Const'));
    const title = cellText(cell(cells, 'Title'));
    const year = parseYear(cell(cells, 'Year'));
    const typeText = cellText(cell(cells, 'Title Type')).toLowerCase();
    const type = TYPES[typeText];
    const ratingText = cellText(cell(cells, 'Your Rating'));
    const rating = ratingText === '' ? null : Number(ratingText);
    if (!title) skipped.push({ where, reason: 'no title' });
    else if (looksLikeFormula(title)) skipped.push({ where, reason: 'the title looks like a spreadsheet formula' });
    else if (id !== '' && !IMDB_ID.test(id)) skipped.push({ where, reason: `"${id}" is not an IMDb id` });
    else if (year === undefined) skipped.push({ where, reason: `"${cell(cells, 'Year')}" is not a year` });
    else if (typeText !== '' && !type) skipped.push({ where, reason: `a ${typeText}, not a movie or show` });
    else if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 10)) skipped.push({ where, reason: `"${ratingText}" is not an IMDb rating (1 to 10)` });
    else {
      const originalTitle = cellText(cell(cells, 'Original Title'));
      items.push({
        where,
        title,
        ...(originalTitle && originalTitle !== title && { originalTitle }),
        year,
        ...(type && { type }),
        ids: id ? { imdb: id } : {},
        rating,
        liked: false,
        seen: rating !== null,
        ...(rating === null && { listed: watchlist ? ('watchlist' as const) : ('list' as const) }),
        at: parseDate(cell(cells, 'Date Rated')) ?? parseDate(cell(cells, 'Created')),
      });
    }
  }
  const kind = table.header.includes('Your Rating') && items.some((i) => i.rating !== null) ? 'ratings' : watchlist ? 'watchlist' : 'list';
  return { source: 'imdb', describe: `IMDb ${kind} export (${name})`, items, skipped };
}
