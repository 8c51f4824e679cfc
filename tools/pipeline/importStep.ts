import { MANIFEST_FILE } from '../../src/catalog/manifest.ts';
import type { ImportItem, ImportSource, Rejection } from '../importers/types.ts';
import { countByReason, validateAll, type ValidationResult } from '../importers/validate.ts';

/** Fewer titles leave nothing to be similar to. */
const MIN_TITLES = 2;
/** Rejections shown in full; the manifest lists more. */
const SHOWN = 5;

/**
 * Reads and validates the source, says what was rejected and why, and refuses a source too
 * small to build. The refusal carries the reasons itself: it is all a person sees of a failed
 * import, often a wrong file or format.
 */
export async function importRecords(source: ImportSource, limit: number | undefined, log: (msg: string) => void): Promise<ValidationResult> {
  const result = await validateAll(limitItems(source.items(), limit));
  const { accepted, rejected, read, cleaned } = result;
  if (accepted.length < MIN_TITLES) {
    const why = rejected.length ? `. Rejected ${rejected.length}: ${reasonCounts(rejected)}` : '';
    const more = rejected.length > SHOWN ? [`  ... and ${rejected.length - SHOWN} more`] : [];
    throw new Error([`${source.describe}: only ${accepted.length} usable records of ${read} read; a catalog needs at least ${MIN_TITLES}${why}`, ...shown(rejected), ...more].join('\n'));
  }
  log(`import: ${read} read, ${accepted.length} accepted, ${rejected.length} rejected${rejected.length ? ` (${reasonCounts(rejected)})` : ''}`);
  for (const line of shown(rejected)) log(line);
  if (rejected.length > SHOWN) log(`  ... and ${rejected.length - SHOWN} more, listed in ${MANIFEST_FILE}`);
  if (cleaned) log(`import: removed direction-override or zero-width characters from the text of ${cleaned} records`);
  return result;
}

/** `missing-title 6, malformed 1`, most frequent first. */
function reasonCounts(rejected: Rejection[]): string {
  return Object.entries(countByReason(rejected))
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
}

function shown(rejected: Rejection[]): string[] {
  return rejected.slice(0, SHOWN).map((r) => `  rejected ${r.where}${r.title ? ` ${JSON.stringify(r.title)}` : ''}: ${r.reason}: ${r.detail}`);
}

async function* limitItems(items: AsyncIterable<ImportItem>, limit: number | undefined): AsyncGenerator<ImportItem> {
  let n = 0;
  for await (const item of items) {
    if (limit !== undefined && n++ >= limit) return;
    yield item;
  }
}
