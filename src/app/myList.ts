/** A title the person marked, with enough to show it before the catalog has loaded. */
export interface ListMark {
  id: number;
  title: string;
  year: number | null;
  liked: boolean;
  seen: boolean;
  /** When it was last marked (ms since 1970), newest first in the list. */
  at: number;
}

const DB_NAME = 'marquee';
const STORE = 'list';

/** Likes and seen marks, kept in the browser's IndexedDB so they survive reloads and work offline. */
export async function readList(): Promise<ListMark[]> {
  const db = await open();
  try {
    const marks = await request<ListMark[]>(db.transaction(STORE).objectStore(STORE).getAll());
    return marks.sort((a, b) => b.at - a.at);
  } finally {
    db.close();
  }
}

/** Saves a mark; one with neither like nor seen is removed. */
export async function saveMark(mark: ListMark): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    if (mark.liked || mark.seen) store.put(mark);
    else store.delete(mark.id);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('saving to your list failed'));
    });
  } finally {
    db.close();
  }
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
  return request(req);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
