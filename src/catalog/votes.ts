import type { Database } from 'sql.js';

/**
 * Every title's votes, read from the database once: a description weighs hundreds of
 * candidates by popularity, and its best-known titles are candidates whatever their words.
 */
export interface Votes {
  /** Title `id`'s votes; null when unknown. */
  of(id: number): number | null;
  /** The `n` titles with the most votes, most first. */
  mostVoted(n: number): Uint32Array;
}

export function readVotes(db: Database): Votes {
  // Sorted here, not by SQL: SQLite's sorter would grow the database's WASM memory for good.
  const rows = db.exec('SELECT id, votes FROM titles')[0]?.values ?? [];
  const votes = new Float64Array(rows.reduce((most, r) => Math.max(most, (r[0] as number) + 1), 0)).fill(NaN);
  for (const [id, v] of rows) votes[id as number] = v === null ? NaN : (v as number);
  // Unknown votes last, ties by id.
  const rank = (id: number) => (Number.isNaN(votes[id]!) ? -1 : votes[id]!);
  const byVotes = Uint32Array.from(rows, (r) => r[0] as number).sort((a, b) => rank(b) - rank(a) || a - b);
  return {
    of: (id) => (Number.isNaN(votes[id] ?? NaN) ? null : votes[id]!),
    mostVoted: (n) => byVotes.subarray(0, n),
  };
}
