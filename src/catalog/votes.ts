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
  // SQLite sorts unknown votes below every number, so they come last.
  const rows = db.exec('SELECT id, votes FROM titles ORDER BY votes DESC, id')[0]?.values ?? [];
  const byVotes = Uint32Array.from(rows, (r) => r[0] as number);
  const votes = new Float64Array(byVotes.reduce((most, id) => Math.max(most, id + 1), 0)).fill(NaN);
  for (const [id, v] of rows) votes[id as number] = v === null ? NaN : (v as number);
  return {
    of: (id) => (Number.isNaN(votes[id] ?? NaN) ? null : votes[id]!),
    mostVoted: (n) => byVotes.subarray(0, n),
  };
}
