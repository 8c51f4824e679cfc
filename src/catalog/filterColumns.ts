import type { Database } from 'sql.js';
import { isUnfiltered, type Filters } from '../ranking/filters.ts';

/**
 * What filters test, for every title, in typed arrays: a filter becomes a test of an id
 * that reads no row. Reading rows through SQL to test them cost more than the ranking itself
 * (a broad filter read hundreds; "more like this" with a genre took 30 ms at 60k titles).
 * About 35 bytes a title (2 MB at 60k), read from the database on first use.
 */
export interface FilterColumns {
  /** Whether title `id` passes `filters`: the rules of `matchesFilters`, on the columns. */
  test(filters: Filters): (id: number) => boolean;
  /** Ids that pass, in id order, at most `limit` of them (all when omitted). */
  ids(filters: Filters, limit?: number): number[];
}

const SHOW = 1;

export function readFilterColumns(db: Database): FilterColumns {
  const rows = db.exec('SELECT id, type, year, runtime, language, rating, votes, genres FROM titles')[0]?.values ?? [];
  const count = rows.reduce((most, r) => Math.max(most, (r[0] as number) + 1), 0);
  // NaN where a value is unknown: every comparison with it fails, as a NULL fails in SQL.
  const column = () => new Float64Array(count).fill(NaN);
  const [year, runtime, rating, votes] = [column(), column(), column(), column()];
  const type = new Uint8Array(count);
  const language = new Uint16Array(count);
  const languages = new Map<string, number>();
  const genres = new Map<string, Uint32Array>();
  for (const [id, t, y, rt, lang, r, v, g] of rows as (number | string | null)[][]) {
    const i = id as number;
    type[i] = t === 'show' ? SHOW : 0;
    if (y !== null) year[i] = y as number;
    if (rt !== null) runtime[i] = rt as number;
    if (r !== null) rating[i] = r as number;
    if (v !== null) votes[i] = v as number;
    // 0 is no language.
    if (lang !== null) language[i] = languages.get(lang as string) ?? languages.set(lang as string, languages.size + 1).size;
    for (const genre of JSON.parse(g as string) as string[]) {
      let bits = genres.get(genre);
      if (!bits) genres.set(genre, (bits = new Uint32Array(Math.ceil(count / 32))));
      bits[i >>> 5]! |= 1 << (i & 31);
    }
  }
  const hasAny = (names: string[]) => {
    const sets = names.flatMap((g) => genres.get(g) ?? []);
    return (id: number) => sets.some((bits) => (bits[id >>> 5]! >>> (id & 31)) & 1);
  };

  function test(f: Filters): (id: number) => boolean {
    const checks: ((id: number) => boolean)[] = [];
    if (f.type) {
      const wanted = f.type === 'show' ? SHOW : 0;
      checks.push((id) => type[id] === wanted);
    }
    if (f.genres?.length) checks.push(hasAny(f.genres));
    if (f.excludeGenres?.length) {
      const excluded = hasAny(f.excludeGenres);
      checks.push((id) => !excluded(id));
    }
    const range = (values: Float64Array, min?: number, max?: number) => {
      if (min !== undefined) checks.push((id) => values[id]! >= min);
      if (max !== undefined) checks.push((id) => values[id]! <= max);
    };
    range(year, f.yearMin, f.yearMax);
    range(runtime, f.runtimeMin, f.runtimeMax);
    range(rating, f.minRating);
    range(votes, f.minVotes);
    if (f.language) {
      const code = languages.get(f.language) ?? -1;
      checks.push((id) => language[id] === code);
    }
    // Ids past the catalog (a stale list) never pass a filter.
    return (id) => id >= 0 && id < count && checks.every((check) => check(id));
  }

  return {
    test,
    ids(f, limit = Infinity) {
      const passes = isUnfiltered(f) ? (id: number) => id >= 0 && id < count : test(f);
      const ids: number[] = [];
      for (let id = 0; id < count && ids.length < limit; id++) if (passes(id)) ids.push(id);
      return ids;
    },
  };
}
