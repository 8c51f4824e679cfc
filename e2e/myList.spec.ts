import { expect, test, type Page } from '@playwright/test';
import { ready } from './stages.ts';

/** Writes records straight into the app's IndexedDB, as an older app version or a damaged disk left them. */
async function storeRaw(page: Page, version: number, store: string, keyPath: string, records: unknown[]) {
  await page.evaluate(
    ({ version, store, keyPath, records }) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('marquee', version);
        req.onupgradeneeded = () => void (req.result.objectStoreNames.contains(store) || req.result.createObjectStore(store, { keyPath }));
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction(store, 'readwrite');
          for (const r of records) tx.objectStore(store).put(r);
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { version, store, keyPath, records },
  );
}

test.describe('my list, kept in the browser', () => {
  test('damaged entries are left out and counted, and the rest of the list and the app keep working', async ({ page }) => {
    await page.goto('/list');
    await ready(page, ['catalog']);
    const toyStory = await page.evaluate(async () => (await globalThis.marqueeEngine!.searchTitles('toy story', 1))[0]!);
    await storeRaw(page, 2, 'marks', 'key', [
      { key: toyStory.key, type: 'movie', title: 'Toy Story', year: 1995, ids: {}, liked: true, seen: false, at: 2 },
      // The failure found: a title that is not text took the whole app down.
      { key: 'broken', type: 'movie', title: { a: 1 }, year: 1999, ids: {}, liked: true, seen: false, at: 3 },
      { key: 'also-broken', liked: 'yes' },
      // A title this catalog does not have stays listed, apart.
      { key: 'trakt:99999991', type: 'movie', title: 'A Film From Another Catalog', year: 2011, ids: { trakt: 99999991 }, liked: true, seen: false, at: 1 },
    ]);
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: '2 entries of my list could not be read' })).toBeVisible();
    await expect(page.getByTestId('my-list').getByRole('link')).toHaveText(['Toy Story (1995)']);
    await expect(page.getByTestId('not-in-catalog')).toContainText('A Film From Another Catalog (2011)');
    await ready(page, ['catalog', 'index']);
    await expect(page.getByRole('list', { name: 'Recommended titles' }).locator('> li').first()).toBeVisible();
    await page.getByTestId('my-list').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Toy Story');
  });

  test('marking a recommended title seen takes it out, and twenty recommendations stay', async ({ page }) => {
    await page.goto('/search?q=toy+story');
    await ready(page, ['catalog', 'index']);
    await page.getByRole('button', { name: 'Like: Toy Story', exact: true }).click();
    await page.getByRole('link', { name: 'My list' }).click();
    const recommended = page.getByRole('list', { name: 'Recommended titles' });
    const titles = recommended.locator('> li').getByRole('link');
    await expect(titles).toHaveCount(20);
    const first = (await titles.first().textContent())!;
    // The failure found: the question was keyed on the liked titles alone, so a seen mark changed nothing until a reload.
    await recommended.getByRole('button', { name: `Seen it: ${first}`, exact: true }).click();
    await expect(titles.first()).not.toHaveText(first);
    await expect(titles).toHaveCount(20);
    expect(await titles.allTextContents()).not.toContain(first);
  });

  test('marks kept by an earlier version (by catalog position) are found again by title and year', async ({ page }) => {
    // Any page of the site that does not start the app, so the old database is there first.
    await page.goto('/manifest.webmanifest');
    await storeRaw(page, 1, 'list', 'id', [
      { id: 2417, title: 'Toy Story', year: 1995, liked: true, seen: false, at: 5 },
      { id: 12, title: { a: 1 }, liked: true },
    ]);
    await page.goto('/list');
    await ready(page, ['catalog']);
    const link = page.getByTestId('my-list').getByRole('link');
    await expect(link).toHaveText('Toy Story (1995)');
    // Moved to the title's key: the link opens Toy Story, not whatever sits at position 2417 now.
    await expect(link).toHaveAttribute('href', /^\/movie\/h:[0-9a-f]{16}$/);
    await page.reload();
    await expect(page.getByTestId('my-list').getByRole('link')).toHaveAttribute('href', /^\/movie\/h:[0-9a-f]{16}$/);
  });
});
