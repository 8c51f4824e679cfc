import type { TitleRecord } from '../../src/catalog/record.ts';
import type { ImportItem, Rejection, RejectReason } from './types.ts';

const FIRST_FILM_YEAR = 1870;
const MAX_RUNTIME_MINUTES = 24 * 60;
// U+FFFD is a decoding failure; C0 controls other than tab/newline never belong in titles or plots;
// "Ã©"-style pairs are UTF-8 read as Latin-1.
const BROKEN_TEXT = /\uFFFD|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|Ã[\u0080-\u00BF]|â€/;

export interface ValidationResult {
  accepted: TitleRecord[];
  rejected: Rejection[];
  /** Records read from the source, accepted or not. */
  read: number;
}

/**
 * The one gate between importers and the catalog: every importer's output passes through
 * here, so the rules are the same for every source and every rejection is counted.
 */
export async function validateAll(items: AsyncIterable<ImportItem>, now = new Date()): Promise<ValidationResult> {
  const maxYear = now.getUTCFullYear() + 5;
  const seen = new Map<string, string>();
  const result: ValidationResult = { accepted: [], rejected: [], read: 0 };

  for await (const item of items) {
    result.read++;
    if (!item.ok) {
      result.rejected.push(item.rejection);
      continue;
    }
    const { record, where } = item;
    const reject = (reason: RejectReason, detail: string) => result.rejected.push({ reason, where, title: record.title || null, detail });

    if (!record.title.trim()) reject('missing-title', 'no title');
    else if (record.year !== null && (record.year < FIRST_FILM_YEAR || record.year > maxYear)) reject('impossible-year', `year ${record.year}`);
    else if (record.runtime !== null && (record.runtime < 0 || record.runtime > MAX_RUNTIME_MINUTES)) reject('impossible-runtime', `runtime ${record.runtime} min`);
    else if (record.rating !== null && (record.rating < 0 || record.rating > 10)) reject('impossible-rating', `rating ${record.rating}`);
    else {
      const broken = brokenField(record);
      if (broken) reject('broken-text', `${broken} has undecodable or control characters`);
      else {
        const duplicate = idKeys(record).find((key) => seen.has(key));
        if (duplicate) reject('duplicate-id', `${duplicate} already imported from ${seen.get(duplicate)}`);
        else {
          for (const key of idKeys(record)) seen.set(key, where);
          result.accepted.push(record);
        }
      }
    }
  }
  return result;
}

function brokenField(r: TitleRecord): string | null {
  const fields = { title: r.title, original_title: r.originalTitle, overview: r.overview, tagline: r.tagline };
  for (const [name, value] of Object.entries(fields)) if (value && BROKEN_TEXT.test(value)) return name;
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
