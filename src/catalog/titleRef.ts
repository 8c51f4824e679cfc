import type { Database } from 'sql.js';
import { preparedRows } from './preparedRows.ts';
import type { CatalogEntry, TitleType } from './record.ts';
import { rowToEntry, TITLE_COLUMNS } from './schema.ts';
import type { TitleTexts } from './titleTexts.ts';

/**
 * What a person may write to name a title: its key or another of its source ids
 * (`trakt:N`, `tmdb:N`, `imdb:ttN`, `h:HASH`, each with `show:` before it for a show) or
 * `id:N`, its position in this build of the catalog. Read by the engine for the app and the query CLI.
 */
export type TitleRef =
  | { by: 'trakt' | 'tmdb'; value: number; type?: TitleType }
  /** For `h`, `value` is the whole key (`h:…` or `show:h:…`): a hash is looked up as the key itself. */
  | { by: 'imdb' | 'h'; value: string; type?: TitleType }
  | { by: 'id'; value: number };

export const TITLE_REF_FORMS = 'trakt:N, tmdb:N, imdb:ttN, h:HASH (show:trakt:N and the like for shows) or id:N';

// Lower case only, as keys are written: "ID:A" (2011) and "H: ..." are titles.
const SHAPE = /^\s*(?:show:)?(trakt|tmdb|imdb|h|id)\s*:/;

/** An IMDb id as IMDb writes it; anything else is not kept as one (tools/importers/validate.ts). */
export const IMDB_ID = /^tt\d{1,12}$/;

export class TitleRefError extends Error {}

/**
 * The reference `text` names; null when it is not shaped like one (a title to search for,
 * "Mission: Impossible" included). Shaped like one but malformed (`tmdb:abc`, `trakt:-1`)
 * throws a TitleRefError naming the accepted forms: it must never fall back to a search.
 */
export function parseTitleRef(text: string): TitleRef | null {
  if (!SHAPE.test(text)) return null;
  const m = /^(show:)?(trakt|tmdb|imdb|h|id):(.*)$/.exec(text.trim());
  const bad = () => new TitleRefError(`"${text.trim()}" is not a valid title reference: use ${TITLE_REF_FORMS}`);
  if (!m) throw bad();
  const type: TitleType | undefined = m[1] ? 'show' : undefined;
  const by = m[2] as TitleRef['by'];
  const value = m[3]!;
  if (by === 'id') {
    if (type || !/^\d{1,15}$/.test(value)) throw bad();
    return { by, value: Number(value) };
  }
  if (by === 'imdb') {
    if (!IMDB_ID.test(value)) throw bad();
    return { by, value, ...(type && { type }) };
  }
  if (by === 'h') {
    if (!/^[0-9a-f]{16}$/.test(value)) throw bad();
    return { by, value: `${type ? 'show:' : ''}h:${value}`, ...(type && { type }) };
  }
  if (!/^[1-9]\d{0,15}$/.test(value) || !Number.isSafeInteger(Number(value))) throw bad();
  return { by, value: Number(value), ...(type && { type }) };
}

const COLUMN = { trakt: 'trakt_id', tmdb: 'tmdb_id', imdb: 'imdb_id', h: 'key', id: 'id' } as const;

/**
 * The catalog id `ref` names in `db`, undefined when the catalog holds no such title. A
 * source id without `show:` prefers the movie when a movie and a show share the number.
 */
export function findTitleRef(db: Database, ref: TitleRef): number | undefined {
  const id = selectByRef(db, ref, 'id')?.[0];
  return id === undefined ? undefined : (id as number);
}

/** The title `ref` names in `db`, whole: one query where the id and then the entry would take two ("more like this" asks on every click). */
export function findTitle(db: Database, texts: TitleTexts, ref: TitleRef): CatalogEntry | undefined {
  const row = selectByRef(db, ref, TITLE_COLUMNS);
  return row && rowToEntry(row, texts);
}

/**
 * The catalog ids of many references at once, in their order (undefined where the catalog has
 * none): one query per kind of reference, where one each took 30-100 ms for a thousand (a big
 * history's likes).
 */
export function findTitleRefs(db: Database, refs: TitleRef[]): (number | undefined)[] {
  const found: (number | undefined)[] = new Array(refs.length);
  const groups = new Map<string, number[]>();
  refs.forEach((ref, i) => {
    const group = `${ref.by}:${ref.by !== 'id' ? (ref.type ?? '') : ''}`;
    const at = groups.get(group);
    if (at) at.push(i);
    else groups.set(group, [i]);
  });
  for (const at of groups.values()) {
    const first = refs[at[0]!]!;
    const typed = first.by !== 'id' && first.type;
    const values = JSON.stringify(at.map((i) => refs[i]!.value));
    // Shows first: a movie of the same number comes later and wins, as findTitleRef prefers it.
    const rows = preparedRows(db, `SELECT ${COLUMN[first.by]}, id FROM titles WHERE ${COLUMN[first.by]} IN (SELECT value FROM json_each(?))${typed ? ' AND type = ?' : ''} ORDER BY type = 'movie'`, typed ? [values, typed] : [values]);
    const byValue = new Map(rows.map((r) => [r[0], r[1] as number]));
    for (const i of at) found[i] = byValue.get(refs[i]!.value);
  }
  return found;
}

function selectByRef(db: Database, ref: TitleRef, columns: string) {
  const typed = ref.by !== 'id' && ref.type;
  const sql = `SELECT ${columns} FROM titles WHERE ${COLUMN[ref.by]} = ?${typed ? ' AND type = ?' : ''} ORDER BY type = 'movie' DESC LIMIT 1`;
  return preparedRows(db, sql, typed ? [ref.value, typed] : [ref.value])[0];
}
