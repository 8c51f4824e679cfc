import type { Database } from 'sql.js';

/**
 * A catalog id from an external reference: `trakt:N`, `tmdb:N`, `imdb:ttN`, `id:N` or a
 * bare catalog id. Null when the text is not a reference; undefined when it is one that
 * the catalog does not hold.
 */
export function resolveRef(db: Database, ref: string): number | null | undefined {
  const m = /^(?:(trakt|tmdb|imdb|id):)?(tt\d+|\d+)$/i.exec(ref.trim());
  if (!m) return null;
  const kind = (m[1] ?? 'id').toLowerCase();
  const value = m[2]!;
  if (kind === 'imdb' !== value.startsWith('tt')) return null;
  const column = { id: 'id', trakt: 'trakt_id', tmdb: 'tmdb_id', imdb: 'imdb_id' }[kind]!;
  const result = db.exec(`SELECT id FROM titles WHERE ${column} = ? LIMIT 1`, [kind === 'imdb' ? value : Number(value)]);
  const id = result[0]?.values[0]?.[0];
  return id === undefined ? undefined : (id as number);
}
