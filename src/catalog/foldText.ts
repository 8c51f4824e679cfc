/** Lower case without accents, so "Amélie" and "amelie" compare equal. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // ASCII has nothing to decompose, and most text is ASCII: normalising was most of the cost.
  return NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : lower;
}

const NON_ASCII = /[^\x00-\x7f]/;
