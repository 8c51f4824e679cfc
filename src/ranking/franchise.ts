import { foldText } from '../catalog/foldText.ts';

const SKIP = new Set(['the', 'a', 'an', 'le', 'la', 'les', 'el', 'der', 'die', 'das', 'and', 'of', 'part', 'chapter', 'episode', 'vol', 'volume']);
const ROMAN = /^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

/**
 * A title's series key: its first two significant words before any subtitle, without
 * articles, numbers or plural s ("Toy Story 2" and "Toy Story" share "toy story";
 * "Aliens" and "Alien" share "alien"; "The Dark Knight Rises" and "The Dark Knight" share
 * "dark knight").
 */
export function franchiseKey(title: string): string[] {
  const head = foldText(title).split(/[:(\u2013\u2014]| - /)[0]!;
  return (head.match(/[a-z0-9]+/g) ?? [])
    .filter((w) => !SKIP.has(w) && !/^\d+$/.test(w) && !ROMAN.test(w))
    .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w))
    .slice(0, 2);
}

/** Same key, or a one-word title whose word starts the other ("Batman" and "Batman Begins"). */
export function sameFranchise(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a.join(' ') === b.join(' ')) return true;
  return (a.length === 1 || b.length === 1) && a[0] === b[0];
}
