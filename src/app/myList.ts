import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TitleIdentity } from '../catalog/matchTitle.ts';
import { IMDB_ID, parseTitleRef } from '../catalog/titleRef.ts';

/**
 * A title the person marked. It keeps the title's stable key and source ids, so the list
 * finds its titles again after a catalog rebuild or a change of source, and enough to
 * show it before the catalog has loaded (or when the title has left the catalog).
 */
export interface ListMark extends TitleIdentity {
  liked: boolean;
  seen: boolean;
  /** When it was last marked (ms since 1970), newest first in the list. */
  at: number;
}

interface ListDb extends DBSchema {
  marks: { key: string; value: ListMark };
  /** Version 1's store, keyed by catalog position: read once to move its marks over. */
  list: { key: number; value: unknown };
}

const DB_NAME = 'marquee';
/** Version 2: marks keyed by stable title key (version 1 keyed them by catalog position, which shifts). */
const DB_VERSION = 2;
/** Version 1's marks have no key: this one stands in until the catalog matches them by title and year. */
export const UNMATCHED_KEY_PREFIX = 'unmatched:';

export interface ReadList {
  marks: ListMark[];
  /** Stored entries that are not marks (damaged, or written by something else): left in place, not shown. */
  unreadable: number;
}

/** Likes and seen marks, kept in the browser's IndexedDB so they survive reloads and work offline. */
export async function readList(): Promise<ReadList> {
  const db = await open();
  try {
    const stored: unknown[] = await db.getAll('marks');
    const marks = stored.filter(isListMark);
    return { marks: marks.sort((a, b) => b.at - a.at), unreadable: stored.length - marks.length };
  } finally {
    db.close();
  }
}

/** Saves a mark, replacing the one stored under `replaces` (a key the catalog has changed); one with neither like nor seen is removed. */
export async function saveMark(mark: ListMark, replaces?: string): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction('marks', 'readwrite');
    if (replaces !== undefined && replaces !== mark.key) void tx.store.delete(replaces);
    void (mark.liked || mark.seen ? tx.store.put(mark) : tx.store.delete(mark.key));
    await tx.done;
  } finally {
    db.close();
  }
}

/** Saves many marks in one transaction (an import): all of them, or none when it fails. */
export async function saveMarks(marks: readonly ListMark[]): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction('marks', 'readwrite');
    for (const mark of marks) void tx.store.put(mark);
    await tx.done;
  } finally {
    db.close();
  }
}

function open(): Promise<IDBPDatabase<ListDb>> {
  return openDB<ListDb>(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion >= 2) return;
      const marks = db.createObjectStore('marks', { keyPath: 'key' });
      if (!db.objectStoreNames.contains('list')) return;
      // Version 1 kept catalog positions; their titles are found again by title and year.
      for (const old of await tx.objectStore('list').getAll()) {
        const mark = fromVersion1(old);
        if (mark) await marks.put(mark);
      }
      db.deleteObjectStore('list');
    },
  });
}

function fromVersion1(old: unknown): ListMark | undefined {
  const o = old as Record<string, unknown> | null;
  if (!o || typeof o.id !== 'number' || typeof o.title !== 'string') return undefined;
  // Version 1 kept no type: the title is matched as a movie or a show.
  const mark = { key: `${UNMATCHED_KEY_PREFIX}${o.id}`, title: o.title, year: o.year ?? null, ids: {}, liked: o.liked === true, seen: o.seen === true, at: typeof o.at === 'number' ? o.at : 0 };
  return isListMark(mark) ? mark : undefined;
}

const optionalId = (v: unknown, valid: (v: unknown) => boolean) => v === undefined || v === null || valid(v);
const positiveInteger = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

/** What is read from storage is checked like input: a damaged entry must not take the app down. */
export function isListMark(v: unknown): v is ListMark {
  const m = v as Record<string, unknown> | null;
  if (typeof m !== 'object' || m === null) return false;
  const ids = m.ids as Record<string, unknown> | null;
  return (
    typeof m.key === 'string' && isKey(m.key) &&
    (m.type === undefined || m.type === 'movie' || m.type === 'show') &&
    typeof m.title === 'string' && m.title.length > 0 &&
    (m.year === null || Number.isInteger(m.year)) &&
    typeof ids === 'object' && ids !== null &&
    optionalId(ids.trakt, positiveInteger) && optionalId(ids.tmdb, positiveInteger) && optionalId(ids.imdb, (i) => typeof i === 'string' && IMDB_ID.test(i)) &&
    typeof m.liked === 'boolean' && typeof m.seen === 'boolean' && Number.isFinite(m.at)
  );
}

/** A title key, or the stand-in of a version 1 mark: a damaged key must not break the questions asked with the list. */
function isKey(key: string): boolean {
  if (key.startsWith(UNMATCHED_KEY_PREFIX)) return /^\d+$/.test(key.slice(UNMATCHED_KEY_PREFIX.length));
  try {
    return parseTitleRef(key) !== null;
  } catch {
    return false;
  }
}
