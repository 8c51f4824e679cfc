import type { Faults } from './faults.ts';

/** Trakt serves at most this many per page and clamps a larger `limit` without saying so. */
const MAX_LIMIT = 250;

export interface Page<T> {
  items: T[];
  /** The X-Pagination-* headers. */
  headers: Record<string, string>;
}

/**
 * Pages listings as Trakt does, with the two quirks of a listing that changes while it is
 * paged (see Faults). It remembers which pages it has served, for the quirks' "first time".
 */
export function createPager(quirks: Pick<Faults, 'duplicateAcrossPages' | 'shiftWhilePaging'>) {
  const firstServed = new Set<string>();
  const shifted = new Map<string, number>();

  /** Page `page` (from 1) of the listing named `listing`, `limit` (as asked) per page. */
  return <T>(listing: string, all: T[], page: number, askedLimit: number): Page<T> => {
    const limit = Math.min(MAX_LIMIT, Math.max(1, askedLimit));
    let items = all;
    if (quirks.shiftWhilePaging && items.length > limit) {
      if (page === 1 && !firstServed.has(`${listing}:1`)) shifted.set(listing, items.length - 1);
      else if (page === 1) shifted.delete(listing);
      const from = shifted.get(listing);
      if (from !== undefined && page > 1) items = [items[from]!, ...items.slice(0, from), ...items.slice(from + 1)];
    }
    const pageItems = items.slice((page - 1) * limit, page * limit);
    const key = `${listing}:${page}`;
    if (quirks.duplicateAcrossPages && page > 1 && !firstServed.has(key) && pageItems.length) {
      pageItems[0] = items[(page - 1) * limit - 1]!;
    }
    firstServed.add(key);
    return {
      items: pageItems,
      headers: {
        'X-Pagination-Page': String(page),
        'X-Pagination-Limit': String(limit),
        'X-Pagination-Page-Count': String(Math.max(1, Math.ceil(items.length / limit))),
        'X-Pagination-Item-Count': String(items.length),
      },
    };
  };
}
