import { IMDB_ID } from '../catalog/titleRef.ts';
import type { TitleType } from '../catalog/record.ts';
import { HistoryFormatError, looksLikeFormula, parseDate, type HistoryFile, type HistoryItem } from './historyItem.ts';

interface TraktMedia {
  title?: unknown;
  year?: unknown;
  ids?: { trakt?: unknown; imdb?: unknown; tmdb?: unknown };
}

type Entry = Record<string, unknown> & { movie?: TraktMedia; show?: TraktMedia };

/**
 * Trakt's exports (the API's history, watched, ratings and watchlist lists, and the JSON
 * files of its data export): arrays of entries holding a `movie` or a `show` with `title`,
 * `year` and `ids`. An entry rates (`rating` 1-10), lists (`listed_at`), or else tells a
 * watch; an episode's watch counts for its show, an episode's or a season's rating for
 * nothing. `files` are JSON texts: an array each, or an object of such arrays.
 */
export function readTraktExport(files: { name: string; text: string }[]): HistoryFile {
  const byTitle = new Map<string, HistoryItem>();
  const skipped: HistoryFile['skipped'] = [];
  for (const { name, text } of files) {
    let json: unknown;
    try {
      json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (err) {
      throw new HistoryFormatError(`${name} is not valid JSON (${(err as Error).message})`);
    }
    const lists = Array.isArray(json) ? [['', json] as const] : json && typeof json === 'object' ? Object.entries(json).filter((e): e is [string, unknown[]] => Array.isArray(e[1])) : [];
    if (lists.length === 0) throw new HistoryFormatError(`${name} is JSON but not a Trakt export: it holds no list of movies or shows`);
    for (const [list, entries] of lists) {
      entries.forEach((raw, i) => {
        const where = `${name}${list ? ` ${list}` : ''} #${i + 1}`;
        const entry = raw as Entry;
        if (!entry || typeof entry !== 'object') return void skipped.push({ where, reason: 'not an object' });
        const declared = typeof entry.type === 'string' ? entry.type : entry.movie ? 'movie' : entry.show ? 'show' : undefined;
        const type: TitleType | undefined = declared === 'movie' ? 'movie' : declared === 'show' || declared === 'episode' || declared === 'season' ? 'show' : undefined;
        const media = type === 'movie' ? entry.movie : entry.show;
        const rates = entry.rating !== undefined;
        if (!type || !media || typeof media !== 'object') return void skipped.push({ where, reason: 'no movie or show in it' });
        if (rates && declared !== type) return void skipped.push({ where, reason: `rates ${/^[aeiou]/.test(declared!) ? 'an' : 'a'} ${declared}, not a movie or show` });
        const title = typeof media.title === 'string' ? media.title.trim() : '';
        const year = Number.isInteger(media.year) ? (media.year as number) : null;
        const rating = rates ? Number(entry.rating) : null;
        if (!title) return void skipped.push({ where, reason: 'no title' });
        if (looksLikeFormula(title)) return void skipped.push({ where, reason: 'the title looks like a spreadsheet formula' });
        if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 10)) return void skipped.push({ where, reason: `"${String(entry.rating)}" is not a Trakt rating (1 to 10)` });
        const ids = media.ids ?? {};
        const item: HistoryItem = {
          where,
          title,
          year,
          type,
          ids: {
            ...(positive(ids.trakt) && { trakt: ids.trakt as number }),
            ...(positive(ids.tmdb) && { tmdb: ids.tmdb as number }),
            ...(typeof ids.imdb === 'string' && IMDB_ID.test(ids.imdb) && { imdb: ids.imdb }),
          },
          rating,
          liked: false,
          // A rating or a watch says it was seen; only a listing does not.
          seen: entry.listed_at === undefined,
          at: parseDate(String(entry.rated_at ?? entry.watched_at ?? entry.last_watched_at ?? entry.listed_at ?? '')),
        };
        const key = item.ids.trakt ? `${type}:${item.ids.trakt}` : `${type}:${title.toLowerCase()}:${year ?? ''}`;
        byTitle.set(key, merge(byTitle.get(key), item));
      });
    }
  }
  const items = [...byTitle.values()].map((item) => (item.seen || item.rating !== null ? item : { ...item, listed: 'watchlist' as const }));
  return { source: 'trakt', describe: `Trakt export (${files.map((f) => f.name).join(', ')})`, items, skipped };
}

const positive = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

/** One title's entries together: seen by any watch, rated by its latest rating. */
function merge(kept: HistoryItem | undefined, next: HistoryItem): HistoryItem {
  if (!kept) return next;
  const laterRating = next.rating !== null && (kept.rating === null || (next.at ?? 0) >= (kept.at ?? 0));
  return {
    ...kept,
    seen: kept.seen || next.seen,
    ...(laterRating && { rating: next.rating }),
    at: Math.max(kept.at ?? 0, next.at ?? 0) || null,
  };
}
