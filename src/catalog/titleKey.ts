import type { TitleRecord } from './record.ts';

/**
 * A title's stable id: what a person keeps (my list, shared links, `/movie/:key`). The
 * catalog id is a position that shifts when one record is added, so it never leaves the
 * engine; the key is derived from the source's own ids and survives rebuilds:
 * `trakt:N`, else `tmdb:N`, else `imdb:ttN`, else `h:` and a hash of type, title and year
 * (the demo's films have no ids). Shows carry a `show:` prefix, because Trakt and TMDB
 * number movies and shows separately.
 */
export function titleKey(r: Pick<TitleRecord, 'type' | 'title' | 'year' | 'ids'>): string {
  const prefix = r.type === 'show' ? 'show:' : '';
  if (r.ids.trakt !== null) return `${prefix}trakt:${r.ids.trakt}`;
  if (r.ids.tmdb !== null) return `${prefix}tmdb:${r.ids.tmdb}`;
  if (r.ids.imdb) return `${prefix}imdb:${r.ids.imdb}`;
  // The same identity the importers' duplicate check uses for records without ids.
  return `${prefix}h:${fnv1a64(`${r.type}\n${r.title.toLowerCase()}\n${r.year ?? ''}`)}`;
}

/** FNV-1a, 64 bits, as 16 hex digits: stable across platforms and releases, unlike a language's own hash. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}
