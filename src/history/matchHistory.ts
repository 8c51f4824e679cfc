import type { Database } from 'sql.js';
import { identityOf, type TitleIdentity } from '../catalog/matchTitle.ts';
import type { CatalogEntry, TitleType } from '../catalog/record.ts';
import type { HistoryItem } from './historyItem.ts';

/** What matching reads of the catalog. */
export interface HistoryCatalog {
  db: Database;
  /** Ids of the titles of exactly this name (src/catalog/titleSearch.ts). */
  sameTitle(title: string): number[];
  entries(ids: number[]): CatalogEntry[];
}

export type HistoryMatch =
  | { state: 'matched'; title: TitleIdentity }
  /** Several titles fit equally well: the person chooses (most voted first). */
  | { state: 'ambiguous'; candidates: TitleIdentity[] }
  | { state: 'missing' };

/** More same-titled candidates than this are not worth a choice: the file's year or type was needed. */
const MAX_CANDIDATES = 6;

/**
 * Finds each item of a history in the catalog: by Marquee key, IMDb, TMDB or Trakt id first; otherwise
 * by its title (or original title) as the catalog writes it, accents and punctuation aside,
 * of its type when the file says, and of its year, or a year off by one (release dates
 * differ between services) when none has the very year. One title found is a match;
 * several are a choice for the person; a match is never guessed.
 */
export function matchHistory(catalog: HistoryCatalog, items: HistoryItem[]): HistoryMatch[] {
  const known = readSourceIds(catalog.db);
  const found = items.map((item) => byId(known, item) ?? byTitle(catalog, known, item));
  const wanted = [...new Set(found.flat())];
  const identities = new Map(catalog.entries(wanted).map((e) => [e.id, identityOf(e)]));
  return found.map((ids): HistoryMatch => {
    const titles = ids.flatMap((id) => identities.get(id) ?? []);
    if (titles.length === 0) return { state: 'missing' };
    return titles.length === 1 ? { state: 'matched', title: titles[0]! } : { state: 'ambiguous', candidates: titles };
  });
}

interface SourceIds {
  key: Map<string, number>;
  imdb: Map<string, number>;
  /** `movie:N` and `show:N`: TMDB and Trakt number movies and shows apart. */
  tmdb: Map<string, number>;
  trakt: Map<string, number>;
  type: TitleType[];
  year: (number | null)[];
}

/** One pass over the titles (about 0.1 s at 60k) instead of a scan per item: the id columns have no index. */
function readSourceIds(db: Database): SourceIds {
  const known: SourceIds = { key: new Map(), imdb: new Map(), tmdb: new Map(), trakt: new Map(), type: [], year: [] };
  const stmt = db.prepare('SELECT id, key, type, year, imdb_id, tmdb_id, trakt_id FROM titles');
  try {
    while (stmt.step()) {
      const [id, key, type, year, imdb, tmdb, trakt] = stmt.get() as [number, string, TitleType, number | null, string | null, number | null, number | null];
      known.key.set(key, id);
      known.type[id] = type;
      known.year[id] = year;
      if (imdb) known.imdb.set(imdb, id);
      if (tmdb) known.tmdb.set(`${type}:${tmdb}`, id);
      if (trakt) known.trakt.set(`${type}:${trakt}`, id);
    }
  } finally {
    stmt.free();
  }
  return known;
}

function byId(known: SourceIds, item: HistoryItem): number[] | undefined {
  const types: TitleType[] = item.type ? [item.type] : ['movie', 'show'];
  const key = item.ids.key !== undefined ? known.key.get(item.ids.key) : undefined;
  if (key !== undefined) return [key];
  const imdb = item.ids.imdb !== undefined ? known.imdb.get(item.ids.imdb) : undefined;
  if (imdb !== undefined && types.includes(known.type[imdb]!)) return [imdb];
  for (const source of ['tmdb', 'trakt'] as const) {
    const n = item.ids[source];
    if (n === undefined) continue;
    for (const type of types) {
      const id = known[source].get(`${type}:${n}`);
      if (id !== undefined) return [id];
    }
  }
  return undefined;
}

function byTitle(catalog: HistoryCatalog, known: SourceIds, item: HistoryItem): number[] {
  const named = new Set([...catalog.sameTitle(item.title), ...(item.originalTitle ? catalog.sameTitle(item.originalTitle) : [])]);
  const ofType = [...named].filter((id) => !item.type || known.type[id] === item.type);
  if (item.year === null) return ofType.slice(0, MAX_CANDIDATES);
  const off = (id: number) => Math.abs((known.year[id] ?? Infinity) - item.year!);
  const sameYear = ofType.filter((id) => off(id) === 0);
  return (sameYear.length ? sameYear : ofType.filter((id) => off(id) === 1)).slice(0, MAX_CANDIDATES);
}
