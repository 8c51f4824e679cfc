/** Lower case without accents, so "Amélie" and "amelie" compare equal. */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}
