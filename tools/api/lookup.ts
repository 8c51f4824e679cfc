import type { CatalogEntry } from '../../src/catalog/record.ts';
import { parseTitleRef, TITLE_REF_FORMS, TitleRefError } from '../../src/catalog/titleRef.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { ApiError, badParameter } from './errors.ts';

/**
 * The title a reference names, or undefined when this catalog has none; a string that is
 * not a reference (a title to search for, a malformed id) is a 400 naming `param`: an id
 * must never fall back to a guess.
 */
export function findTitle(engine: Engine, ref: string, param: string): CatalogEntry | undefined {
  try {
    if (parseTitleRef(ref) === null) throw badParameter(param, `${param} "${ref}" is not a title reference: use ${TITLE_REF_FORMS} (/v1/titles/search finds a title by name)`);
    return engine.title(ref);
  } catch (err) {
    if (err instanceof TitleRefError) throw badParameter(param, err.message);
    throw err;
  }
}

/** Like `findTitle`, and a 404 when the catalog has no such title. */
export function existingTitle(engine: Engine, ref: string, param: string): CatalogEntry {
  const entry = findTitle(engine, ref, param);
  if (!entry) throw new ApiError(404, 'unknown_title', `the catalog has no title ${ref}`, param);
  return entry;
}

/** A text that is only spaces says nothing: refused like an empty one. */
export function nonBlank(text: string, param: string): string {
  if (!text.trim()) throw badParameter(param, `${param} must not be blank`);
  return text;
}
