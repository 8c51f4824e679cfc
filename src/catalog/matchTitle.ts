import type { Database } from 'sql.js';
import type { ExternalIds, TitleType } from './record.ts';

/** What a person's list keeps of a title: enough to find it again in another catalog. */
export interface TitleIdentity {
  key: string;
  type: TitleType;
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
  const first = (sql: string, params: (string | number | null)[]) => db.exec(sql, params)[0]?.values.map((r) => r[0] as number) ?? [];
  const [byKey] = first('SELECT id FROM titles WHERE key = ?', [kept.key]);
  if (byKey !== undefined) return byKey;
  for (const [column, value] of [['trakt_id', kept.ids.trakt], ['tmdb_id', kept.ids.tmdb], ['imdb_id', kept.ids.imdb]] as const) {
    if (value === null || value === undefined) continue;
    const [byId] = first(`SELECT id FROM titles WHERE ${column} = ? AND type = ?`, [value, kept.type]);
    if (byId !== undefined) return byId;
  }
  const sameName = first('SELECT id FROM titles WHERE lower(title) = lower(?) AND year IS ? AND type = ? LIMIT 2', [kept.title, kept.year, kept.type]);
  return sameName.length === 1 ? sameName[0] : undefined;
}

/** Just what a list keeps of a title (a catalog entry, or a mark with more fields). */
export function identityOf(e: TitleIdentity): TitleIdentity {
  return { key: e.key, type: e.type, title: e.title, year: e.year, ids: { trakt: e.ids.trakt ?? null, tmdb: e.ids.tmdb ?? null, imdb: e.ids.imdb ?? null } };
}
