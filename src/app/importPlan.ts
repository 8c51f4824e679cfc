import type { TitleIdentity } from '../catalog/matchTitle.ts';
import type { HistoryFile, HistoryItem } from '../history/historyItem.ts';
import type { HistoryMatch } from '../history/matchHistory.ts';
import type { ListMark } from './myList.ts';

export interface ImportOptions {
  /** A rating at or above this, of 10, is a like: 8 by default, Letterboxd's 4 stars. */
  likeFrom: number;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { likeFrom: 8 };

export interface ImportChange {
  mark: ListMark;
  /** The mark it replaces; none for a title new to the list. */
  was?: ListMark;
}

/** What an import would do to my list: shown to the person, and applied only when they confirm. */
export interface ImportPlan {
  changes: ImportChange[];
  /** Titles already in the list as the file has them. */
  unchanged: number;
  /** Titles the catalog has several candidates for: the person's pick (in `chosen`) goes into `changes`. */
  choices: { item: HistoryItem; candidates: TitleIdentity[] }[];
  missing: HistoryItem[];
  /** Titles only on a watchlist: neither seen nor liked, so nothing to mark. */
  watchlist: HistoryItem[];
  skipped: HistoryFile['skipped'];
}

/**
 * The marks an import makes: a title is seen when the file says it was watched or rated;
 * liked when hearted, rated `likeFrom` or more, or on a plain list; a rating below that makes
 * it not liked, even if it was (the file is the person's own, newer word). Without a rating
 * a title keeps the like it has. An import never unmarks a title as seen, and a title
 * several entries name takes its latest rating. `chosen` holds the person's picks among
 * candidates by the item's `where` (null: none of them).
 */
export function planImport(files: HistoryFile[], matches: HistoryMatch[][], list: ReadonlyMap<string, ListMark>, options: ImportOptions, chosen: ReadonlyMap<string, TitleIdentity | null> = new Map()): ImportPlan {
  const plan: ImportPlan = { changes: [], unchanged: 0, choices: [], missing: [], watchlist: [], skipped: files.flatMap((f) => f.skipped) };
  const byKey = new Map<string, { title: TitleIdentity; items: HistoryItem[] }>();
  files.forEach((file, f) =>
    file.items.forEach((item, i) => {
      const match = matches[f]![i]!;
      if (!item.seen && !item.liked && item.rating === null && item.listed !== 'list') return void plan.watchlist.push(item);
      if (match.state === 'missing') return void plan.missing.push(item);
      if (match.state === 'ambiguous') plan.choices.push({ item, candidates: match.candidates });
      const title = match.state === 'matched' ? match.title : chosen.get(item.where);
      if (!title) return;
      const same = byKey.get(title.key) ?? { title, items: [] };
      same.items.push(item);
      byKey.set(title.key, same);
    }),
  );
  for (const [key, { title, items }] of byKey) {
    const was = list.get(key);
    const rated = items.filter((i) => i.rating !== null).sort((a, b) => (b.at ?? 0) - (a.at ?? 0))[0];
    const likedByFile = items.some((i) => i.liked || i.listed === 'list') || (rated ? rated.rating! >= options.likeFrom : undefined);
    const liked = likedByFile ?? was?.liked ?? false;
    const seen = (was?.seen ?? false) || items.some((i) => i.seen);
    if (was && was.liked === liked && was.seen === seen) {
      plan.unchanged++;
      continue;
    }
    const at = was?.at ?? Math.max(...items.map((i) => i.at ?? 0));
    plan.changes.push({ mark: { ...title, liked, seen, at: at || Date.now() }, ...(was && { was }) });
  }
  return plan;
}
