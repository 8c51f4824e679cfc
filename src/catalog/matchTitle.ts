import type { Database } from 'sql.js';
import { preparedRows } from './preparedRows.ts';
import type { ExternalIds, TitleType } from './record.ts';
import { findTitleRef } from './titleRef.ts';

/** What a person's list keeps of a title: enough to find it again in another catalog. */
export interface TitleIdentity {
  key: string;
  /** Unknown only for marks kept by the first version of the app, which did not store it. */
  type?: TitleType;
  title: string;
  year: number | null;
  ids: Partial<Pick<ExternalIds, 'trakt' | 'tmdb' | 'imdb'>>;
}

/**
 * The catalog id of the title `kept` names, in this catalog: by its key, else by any of
 * its source ids (a catalog built from another source keys it differently), else by exact
 * title, year and type when exactly one title has them. Undefined when the title has left
 * the catalog or cannot be told apart: a kept title is never matched by a guess.
 */
export function matchTitle(db: Database, kept: TitleIdentity): number | undefined {
  const ids = (sql: string, params: (string | number)[]) => db.exec(sql, params)[0]?.values.map((r) => r[0] as number) ?? [];
  const [byKey] = ids('SELECT id FROM titles WHERE key = ?', [kept.key]);
  if (byKey !== undefined) return byKey;
  if (kept.type) {
    const type = kept.type;
    for (const ref of [
      kept.ids.trakt && ({ by: 'trakt', value: kept.ids.trakt, type } as const),
      kept.ids.tmdb && ({ by: 'tmdb', value: kept.ids.tmdb, type } as const),
      kept.ids.imdb && ({ by: 'imdb', value: kept.ids.imdb, type } as const),
    ]) {
      const id = ref ? findTitleRef(db, ref) : undefined;
      if (id !== undefined) return id;
    }
  }
  // `year = ?` rather than `year IS ?`, so that the year index narrows the scan.
  const sameName = ids(
    `SELECT id FROM titles WHERE ${kept.year === null ? 'year IS NULL' : 'year = ?'} AND lower(title) = lower(?)${kept.type ? ' AND type = ?' : ''} LIMIT 2`,
    [...(kept.year === null ? [] : [kept.year]), kept.title, ...(kept.type ? [kept.type] : [])],
  );
  return sameName.length === 1 ? sameName[0] : undefined;
}

/**
 * `matchTitle` for a whole list: the keys in one query (in the catalog the list was kept
 * in, that finds them all), only the rest one by one. A thousand marks took 150-210 ms
 * one by one at 60k titles, when the app starts.
 */
export function matchTitlesKept(db: Database, kept: TitleIdentity[]): (number | undefined)[] {
  const rows = preparedRows(db, 'SELECT key, id FROM titles WHERE key IN (SELECT value FROM json_each(?))', [JSON.stringify(kept.map((k) => k.key))]);
  const byKey = new Map(rows.map((r) => [r[0] as string, r[1] as number]));
  return kept.map((k) => byKey.get(k.key) ?? matchTitle(db, k));
}

/** Just what a list keeps of a title (a catalog entry, or a mark with more fields). */
export function identityOf(e: TitleIdentity): TitleIdentity {
  return { key: e.key, ...(e.type && { type: e.type }), title: e.title, year: e.year, ids: { trakt: e.ids.trakt ?? null, tmdb: e.ids.tmdb ?? null, imdb: e.ids.imdb ?? null } };
}
