import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { checkScreen } from './checkScreen.ts';
import { ready } from './stages.ts';

const SAMPLES = path.join(import.meta.dirname, '../tools/fixtures/history');
const LETTERBOXD = ['watched.csv', 'ratings.csv', 'diary.csv', 'watchlist.csv', 'likes/films.csv'].map((f) => path.join(SAMPLES, 'letterboxd', f));

const listed = (page: Page) => page.getByTestId('my-list').getByRole('link');
const importInput = (page: Page) => page.getByLabel('Import files');

test.describe('importing and exporting my list', () => {
  test.beforeEach(({ page }) => {
    page.on('pageerror', (e) => {
      throw e;
    });
  });

  test('a Letterboxd export and then IMDb ratings go in after the summary, and recommendations follow', async ({ page }, testInfo) => {
    await page.goto('/list');
    await ready(page, ['catalog']);
    await importInput(page).setInputFiles(LETTERBOXD);
    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('10 titles read');
    await expect(page.getByTestId('import-counts').locator('li')).toHaveText([
      // Psycho of 1960 and Amélie are the demo's from Wikipedia's summaries.
      '8 new to my list, 0 changed, 0 already there as the file has them',
      '1 with several titles of the same name in this catalog: choose below',
      '1 only on a watchlist, neither seen nor rated: left out',
      '1 row could not be read',
    ]);
    // Nothing is written before the person confirms.
    await expect(listed(page)).toHaveCount(0);
    await checkScreen(page, testInfo, 'import-summary');
    await summary.getByLabel('King Kong').selectOption({ label: 'King Kong (2005, movie)' });
    await summary.getByRole('button', { name: 'Add 9 to my list' }).click();
    await expect(page.getByRole('status').filter({ hasText: '9 titles added or updated' })).toBeVisible();
    await expect(listed(page)).toHaveCount(9);
    await expect(listed(page)).toContainText(['King Kong (2005)']);
    await ready(page, ['catalog', 'index']);
    // Liked: 5 stars, 4.5, a heart, a diary 4, Amélie's 4; not Titanic's 2.5 nor the 3 stars.
    await expect(page.getByRole('heading', { name: 'Recommended from the 5 titles you liked' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Recommended titles' }).locator('> li')).toHaveCount(20);

    await importInput(page).setInputFiles(path.join(SAMPLES, 'imdb-ratings.csv'));
    await expect(page.getByTestId('import-counts').locator('li')).toHaveText(['1 new to my list, 0 changed, 4 already there as the file has them', '1 not in this catalog', '2 rows could not be read']);
    await summary.getByText('What is left out, and why').click();
    await expect(summary).toContainText('imdb-ratings.csv:8: a tv episode, not a movie or show');
    await summary.getByRole('button', { name: 'Add 1 to my list' }).click();
    await expect(listed(page)).toHaveCount(10);
    await expect(page.getByRole('heading', { name: 'Recommended from the 6 titles you liked' })).toBeVisible();
    // Importing the same file again changes nothing.
    await importInput(page).setInputFiles(path.join(SAMPLES, 'imdb-ratings.csv'));
    await expect(page.getByTestId('import-counts').locator('li').first()).toHaveText('0 new to my list, 0 changed, 5 already there as the file has them');
    await expect(summary.getByRole('button', { name: 'Nothing to add' })).toBeDisabled();
  });

  test('a file that is no export is refused with a message, and the list is left as it was', async ({ page }, testInfo) => {
    await page.goto('/list');
    await ready(page, ['catalog']);
    await importInput(page).setInputFiles(path.join(SAMPLES, 'imdb-list.csv'));
    await page.getByRole('button', { name: 'Add 3 to my list' }).click();
    await expect(listed(page)).toHaveCount(3);
    await importInput(page).setInputFiles({ name: 'holiday.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\x03\x04not really a zip at all') });
    await expect(page.getByRole('alert')).toContainText('Nothing was imported. holiday.zip is not a readable ZIP');
    await importInput(page).setInputFiles({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from('Month,Amount\nJan,=1+1\n') });
    await expect(page.getByRole('alert')).toContainText("sheet.csv is not a Letterboxd or IMDb export: its columns are not Letterboxd's");
    await checkScreen(page, testInfo, 'import-refused');
    await page.reload();
    await expect(listed(page)).toHaveCount(3);
  });

  test('an exported list opens the same in another browser profile', async ({ page, browser }, testInfo) => {
    await page.goto('/list');
    await ready(page, ['catalog']);
    await importInput(page).setInputFiles(LETTERBOXD);
    await page.getByRole('button', { name: 'Add 8 to my list' }).click();
    await expect(listed(page)).toHaveCount(8);
    const before = await listed(page).allTextContents();
    for (const format of ['CSV (Letterboxd import format)', 'JSON']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export ${format}` }).click()]);
      const file = testInfo.outputPath(download.suggestedFilename());
      await download.saveAs(file);
      const other = await browser.newContext();
      const fresh = await other.newPage();
      await fresh.goto('/list');
      await ready(fresh, ['catalog']);
      await fresh.getByLabel('Import files').setInputFiles(file);
      await fresh.getByRole('button', { name: 'Add 8 to my list' }).click();
      await expect(listed(fresh)).toHaveText(before);
      // Liked and seen marks came across, not only the titles.
      for (const title of ['The Prestige', 'Titanic']) {
        const row = fresh.getByTestId('my-list').locator('li', { hasText: title });
        await expect(row.getByRole('button', { name: `Seen it: ${title}` })).toHaveAttribute('aria-pressed', 'true');
        await expect(row.getByRole('button', { name: `Like: ${title}` })).toHaveAttribute('aria-pressed', title === 'The Prestige' ? 'true' : 'false');
      }
      await other.close();
    }
  });
});
