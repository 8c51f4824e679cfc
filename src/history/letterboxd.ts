import { columnReader } from './columns.ts';
import { parseCsv } from './csv.ts';
import { cellText, looksLikeFormula, parseDate, parseYear, type HistoryFile, type HistoryItem } from './historyItem.ts';

/** The CSVs of a Letterboxd export that say what a person watched, rated, liked or wants to see. */
const KINDS = ['watched', 'ratings', 'diary', 'likes', 'watchlist'] as const;
type Kind = (typeof KINDS)[number];

/**
 * A Letterboxd CSV by its name in the export: `likes/films.csv` holds the liked films, and
 * is `films.csv` when picked alone (a browser gives no folder); `deleted/` and `orphaned/`
 * hold what the person removed.
 */
export function letterboxdKind(name: string): Kind | undefined {
  const path = name.toLowerCase().replace(/\\/g, '/');
  if (/(^|\/)(deleted|orphaned)\//.test(path)) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'films.csv') return 'likes';
  return KINDS.find((k) => base === `${k}.csv`);
}

/** Whether a CSV header is Letterboxd's. */
export function isLetterboxdHeader(header: string[]): boolean {
  return header.includes('Letterboxd URI') || (header.includes('Name') && header.includes('Year') && !header.includes('Const'));
}

/**
 * A Letterboxd export: its CSVs (Date, Name, Year, Letterboxd URI, and Rating in half stars
 * from 0.5 to 5 where rated), merged into one item per film. A film's rating is its current
 * one (ratings.csv) or else its latest diary entry's; it is seen when watched, logged, rated
 * or hearted, liked when hearted. A CSV given alone is told by its name, else by its columns.
 */
export function readLetterboxd(files: { name: string; text: string }[]): HistoryFile {
  const byFilm = new Map<string, HistoryItem & { ratedAt: number | null; rank: number }>();
  const skipped: HistoryFile['skipped'] = [];
  const read: string[] = [];
  for (const { name, text } of files) {
    const table = parseCsv(text);
    const kind = letterboxdKind(name) ?? (table.header.includes('Watched Date') ? 'diary' : table.header.includes('Rating') ? 'ratings' : 'watched');
    const cell = columnReader(table, name, ['Name', 'Year']);
    read.push(name);
    for (const { line, cells } of table.rows) {
      const where = `${name}:${line}`;
      const title = cellText(cell(cells, 'Name'));
      const year = parseYear(cell(cells, 'Year'));
      const ratingText = cellText(cell(cells, 'Rating'));
      const stars = ratingText === '' ? null : Number(ratingText);
      if (!title) skipped.push({ where, reason: 'no title' });
      else if (looksLikeFormula(title)) skipped.push({ where, reason: 'the title looks like a spreadsheet formula' });
      else if (year === undefined) skipped.push({ where, reason: `"${cell(cells, 'Year')}" is not a year` });
      else if (stars !== null && !(stars >= 0.5 && stars <= 5 && Number.isInteger(stars * 2))) skipped.push({ where, reason: `"${ratingText}" is not a Letterboxd rating (0.5 to 5)` });
      else {
        const at = parseDate(cell(cells, 'Watched Date')) ?? parseDate(cell(cells, 'Date'));
        const key = `${title.toLowerCase()}\u0000${year ?? ''}`;
        const film = byFilm.get(key) ?? { where, title, year, type: 'movie' as const, ids: {}, rating: null, liked: false, seen: false, at: null, ratedAt: null, rank: 0 };
        // Letterboxd marks a film watched when it is liked, logged or rated.
        if (kind !== 'watchlist') film.seen = true;
        if (kind === 'likes') film.liked = true;
        // ratings.csv holds the current rating: it beats any diary entry's; among diary entries the latest wins.
        const rank = kind === 'ratings' ? 2 : 1;
        if (stars !== null && (rank > film.rank || (rank === film.rank && (at ?? 0) >= (film.ratedAt ?? 0)))) Object.assign(film, { rating: stars * 2, ratedAt: at, rank });
        if (at !== null && (film.at === null || at > film.at)) film.at = at;
        byFilm.set(key, film);
      }
    }
  }
  const items = [...byFilm.values()].map(({ ratedAt: _r, rank: _k, ...item }): HistoryItem => (item.seen || item.liked ? item : { ...item, listed: 'watchlist' }));
  return { source: 'letterboxd', describe: `Letterboxd export (${read.join(', ')})`, items, skipped };
}
