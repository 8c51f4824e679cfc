import { IMDB_ID } from '../../src/catalog/titleRef.ts';
import type { TitleRecord } from '../../src/catalog/record.ts';
import { stripInvisibleControls } from './invisibleControls.ts';
import { textFields } from './textFields.ts';
import type { ImportItem, Rejection, RejectReason } from './types.ts';

const FIRST_FILM_YEAR = 1870;
const MAX_RUNTIME_MINUTES = 24 * 60;
// U+FFFD is a decoding failure; C0 controls other than tab/newline never belong in titles or plots;
// "Ã©"-style pairs are UTF-8 read as Latin-1.
const BROKEN_TEXT = /\uFFFD|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|Ã[\u0080-\u00BF]|â€/;
// A surrogate without its pair (JSON allows "\ud800") has no UTF-8 form: SQLite would store invalid bytes.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface ValidationResult {
  accepted: TitleRecord[];
  rejected: Rejection[];
  /** Records read from the source, accepted or not. */
  read: number;
  /** Records whose text had direction-override or zero-width characters removed. */
  cleaned: number;
}

/**
 * The one gate between importers and the catalog: every importer's output passes through
 * here, so the rules are the same for every source and every rejection is counted.
 */
export async function validateAll(items: AsyncIterable<ImportItem>, now = new Date()): Promise<ValidationResult> {
  const maxYear = now.getUTCFullYear() + 5;
  const seen = new Map<string, string>();
  const result: ValidationResult = { accepted: [], rejected: [], read: 0, cleaned: 0 };

  for await (const item of items) {
    result.read++;
    if (!item.ok) {
      result.rejected.push(item.rejection);
      continue;
    }
    const { where } = item;
    const cleaned = stripInvisibleControls(item.record);
    if (cleaned) result.cleaned++;
    const record = cleaned ?? item.record;
    const reject = (reason: RejectReason, detail: string) => result.rejected.push({ reason, where, title: record.title || null, detail });

    const wrong = problem(record, maxYear);
    if (wrong) {
      reject(...wrong);
      continue;
    }
    const duplicate = idKeys(record).find((key) => seen.has(key));
    if (duplicate) reject('duplicate-id', `${duplicate} already imported from ${seen.get(duplicate)}`);
    else {
      for (const key of idKeys(record)) seen.set(key, where);
      result.accepted.push(record);
    }
  }
  return result;
}

/** The first rule a record breaks, on its own (duplicates need the others). */
function problem(r: TitleRecord, maxYear: number): [RejectReason, string] | null {
  if (!r.title.trim()) return ['missing-title', 'no title'];
  // An id past 2^53 is rounded when read, so two titles could share one; ids key the catalog.
  for (const key of ['trakt', 'tmdb'] as const) {
    const id = r.ids[key];
    if (id !== null && !(Number.isSafeInteger(id) && id > 0)) return ['invalid-id', `${key} id ${id} is not a safe positive integer`];
  }
  // Kept lists and links name titles by it (src/catalog/titleRef.ts): one they cannot read would be dead.
  if (r.ids.imdb && !IMDB_ID.test(r.ids.imdb)) return ['invalid-id', `imdb id ${JSON.stringify(r.ids.imdb)} is not tt and digits`];
  if (r.year !== null && !Number.isInteger(r.year)) return ['impossible-year', `year ${r.year} is not a whole number`];
  if (r.year !== null && (r.year < FIRST_FILM_YEAR || r.year > maxYear)) return ['impossible-year', `year ${r.year}`];
  if (r.runtime !== null && (r.runtime < 0 || r.runtime > MAX_RUNTIME_MINUTES)) return ['impossible-runtime', `runtime ${r.runtime} min`];
  if (r.rating !== null && (r.rating < 0 || r.rating > 10)) return ['impossible-rating', `rating ${r.rating}`];
  if (r.votes !== null && !(Number.isSafeInteger(r.votes) && r.votes >= 0)) return ['impossible-votes', `votes ${r.votes}`];
  for (const [name, value] of textFields(r)) {
    if (LONE_SURROGATE.test(value)) return ['broken-text', `${name} has a lone surrogate (not valid Unicode)`];
    if (BROKEN_TEXT.test(value)) return ['broken-text', `${name} has undecodable or control characters`];
  }
  return null;
}

/** A movie and a show may share a number in Trakt's id spaces, so keys carry the type. */
function idKeys(r: TitleRecord): string[] {
  const keys: string[] = [];
  if (r.ids.trakt !== null) keys.push(`${r.type} trakt:${r.ids.trakt}`);
  if (r.ids.tmdb !== null) keys.push(`${r.type} tmdb:${r.ids.tmdb}`);
  if (r.ids.imdb) keys.push(`imdb:${r.ids.imdb}`);
  // Sources without ids (the demo) can only repeat a title by name and year.
  if (keys.length === 0) keys.push(`${r.type} "${r.title.toLowerCase()}" (${r.year ?? '?'})`);
  return keys;
}

/** Counts per reason, for the terminal and the manifest. */
export function countByReason(rejected: Rejection[]): Partial<Record<RejectReason, number>> {
  const counts: Partial<Record<RejectReason, number>> = {};
  for (const r of rejected) counts[r.reason] = (counts[r.reason] ?? 0) + 1;
  return counts;
}
