import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { readList, saveMark, UNMATCHED_KEY_PREFIX, type ListMark } from './myList.ts';

const heat: ListMark = { key: 'trakt:55005', type: 'movie', title: 'Heat', year: 1995, ids: { trakt: 55005, tmdb: 949, imdb: 'tt0113277' }, liked: true, seen: false, at: 1 };
const up: ListMark = { key: 'h:0123456789abcdef', type: 'movie', title: 'Up', year: 2009, ids: {}, liked: false, seen: true, at: 2 };

/** Writes records as an older version of the app (or a damaged disk) left them. */
async function storeRaw(version: number, store: string, keyPath: string, records: unknown[]): Promise<void> {
  const req = indexedDB.open('marquee', version);
  req.onupgradeneeded = () => req.result.createObjectStore(store, { keyPath });
  const db = await new Promise<IDBDatabase>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));
  const tx = db.transaction(store, 'readwrite');
  for (const r of records) tx.objectStore(store).put(r);
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

describe('my list', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('keeps marks across reads, newest first, and forgets a title with no mark left', async () => {
    await saveMark(heat);
    await saveMark(up);
    expect((await readList()).marks.map((m) => m.key)).toEqual([up.key, heat.key]);
    await saveMark({ ...heat, seen: true, at: 3 });
    expect(await readList()).toEqual({ marks: [{ ...heat, seen: true, at: 3 }, up], unreadable: 0 });
    await saveMark({ ...up, seen: false, at: 4 });
    expect((await readList()).marks.map((m) => m.key)).toEqual([heat.key]);
  });

  it('moves a mark to the key the catalog now gives its title', async () => {
    await saveMark(heat);
    await saveMark({ ...heat, key: 'tmdb:949' }, heat.key);
    expect((await readList()).marks.map((m) => m.key)).toEqual(['tmdb:949']);
  });

  it('leaves out stored entries that are not marks, and says how many, instead of failing', async () => {
    await storeRaw(2, 'marks', 'key', [heat, { key: 'x', title: { a: 1 } }, { key: 'y' }, { ...up, year: 'soon' }, { ...up, key: 'tmdb:5', ids: { tmdb: -3 } }, { ...up, key: 'tmdb:abc' }]);
    expect(await readList()).toEqual({ marks: [heat], unreadable: 5 });
  });

  it('moves version 1 marks (kept by catalog position) over, to be matched by title and year', async () => {
    await storeRaw(1, 'list', 'id', [
      { id: 17, title: 'Heat', year: 1995, liked: true, seen: false, at: 5 },
      { id: 3, title: { a: 1 } },
    ]);
    const { marks } = await readList();
    expect(marks).toEqual([{ key: `${UNMATCHED_KEY_PREFIX}17`, title: 'Heat', year: 1995, ids: {}, liked: true, seen: false, at: 5 }]);
  });
});
