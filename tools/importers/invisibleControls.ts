import type { TitleRecord } from '../../src/catalog/record.ts';
import { mapTextFields, textFields } from './textFields.ts';

/**
 * Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder the text
 * after them wherever it is shown, up to the end of the line: U+202E turns "(2010)" into
 * "(0102)" in a result line. Zero-width spaces, word joiners and stray byte order marks
 * (U+200B, U+2060, U+FEFF) are invisible and split words for title search. None of them
 * means anything in a title or a plot.
 *
 * Kept on purpose: U+200C/U+200D (ZWNJ/ZWJ) shape Persian and Indic words and join emoji,
 * and U+200E/U+200F (LRM/RLM) only give neutral characters next to them a direction; they
 * never reverse a run of text. Hebrew and Arabic letters carry their own direction and need
 * none of the removed controls.
 */
const INVISIBLE_CONTROLS = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
const HAS_INVISIBLE_CONTROL = new RegExp(INVISIBLE_CONTROLS.source);

/** The record without invisible and direction-override controls in its text, or null when it has none. */
export function stripInvisibleControls(r: TitleRecord): TitleRecord | null {
  if (!textFields(r).some(([, value]) => HAS_INVISIBLE_CONTROL.test(value))) return null;
  return mapTextFields(r, (s) => s.replace(INVISIBLE_CONTROLS, ''));
}
