import { IMDB_ID } from '../catalog/titleRef.ts';
import { HistoryFormatError, looksLikeFormula, type HistoryFile, type HistoryItem } from './historyItem.ts';

/** The `format` of Marquee's own JSON export of my list (src/app/listExport.ts). */
export const MARQUEE_LIST_FORMAT = 'marquee-list';

export function isMarqueeList(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === MARQUEE_LIST_FORMAT;
}

/** Marquee's JSON export: each mark with its key, source ids, title, year and type, liked and seen. */
export function readMarqueeList(name: string, json: unknown): HistoryFile {
  const { version, marks } = json as { version?: unknown; marks?: unknown };
  if (version !== 1) throw new HistoryFormatError(`${name} is a Marquee list of version ${String(version)}; this app reads version 1`);
  if (!Array.isArray(marks)) throw new HistoryFormatError(`${name} is a Marquee list without marks`);
  const items: HistoryItem[] = [];
  const skipped: HistoryFile['skipped'] = [];
  marks.forEach((raw, i) => {
    const where = `${name} #${i + 1}`;
    const m = (raw ?? {}) as Record<string, unknown>;
    const ids = (m.ids ?? {}) as Record<string, unknown>;
    const title = typeof m.title === 'string' ? m.title.trim() : '';
    if (!title || looksLikeFormula(title)) return void skipped.push({ where, reason: title ? 'the title looks like a spreadsheet formula' : 'no title' });
    if (typeof m.liked !== 'boolean' || typeof m.seen !== 'boolean') return void skipped.push({ where, reason: 'neither liked nor seen is given' });
    items.push({
      where,
      title,
      year: Number.isInteger(m.year) ? (m.year as number) : null,
      ...((m.type === 'movie' || m.type === 'show') && { type: m.type }),
      ids: {
        ...(typeof m.key === 'string' && { key: m.key }),
        ...(typeof ids.imdb === 'string' && IMDB_ID.test(ids.imdb) && { imdb: ids.imdb }),
        ...(Number.isSafeInteger(ids.tmdb) && { tmdb: ids.tmdb as number }),
        ...(Number.isSafeInteger(ids.trakt) && { trakt: ids.trakt as number }),
      },
      rating: null,
      liked: m.liked,
      seen: m.seen,
      at: Number.isFinite(m.at) ? (m.at as number) : null,
    });
  });
  return { source: 'marquee', describe: `Marquee list (${name})`, items, skipped };
}
