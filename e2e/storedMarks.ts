import type { Page } from '@playwright/test';

/**
 * How many likes my list has written to IndexedDB. A mark is written a moment after the
 * click shows it, so a test that leaves the page must wait for this first, or lose the mark.
 * The app must have opened its database already (it does on start).
 */
export function storedLikes(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('marquee');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('marks').objectStore('marks').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(all.result.filter((mark: { liked?: unknown }) => mark.liked === true).length);
          };
        };
      }),
  );
}
