import path from 'node:path';
import { expect, test } from '@playwright/test';
import { checkScreen } from './checkScreen.ts';
import { ready } from './stages.ts';
import { storedLikes } from './storedMarks.ts';

const LETTERBOXD = ['watched.csv', 'ratings.csv', 'diary.csv', 'likes/films.csv'].map((f) => path.join(import.meta.dirname, '../tools/fixtures/history/letterboxd', f));

test.describe('sharing and blending lists', () => {
  test.beforeEach(({ page }) => {
    page.on('pageerror', (e) => {
      throw e;
    });
  });

  test('a shared link opens the list in a fresh browser, with recommendations, and blends it with the opener’s', async ({ page, browser }, testInfo) => {
    await page.goto('/list');
    await ready(page, ['catalog']);
    await page.getByLabel('Import files').setInputFiles(LETTERBOXD);
    await page.getByRole('button', { name: 'Add 8 to my list' }).click();
    await page.getByLabel('Your name, shown with the list (optional)').fill('Sam');
    await page.getByRole('button', { name: 'Make a link' }).click();
    const link = await page.getByLabel('Link to my list').inputValue();
    expect(link).toMatch(/\/shared#[A-Za-z0-9_-]+$/);

    const other = await browser.newContext();
    const friend = await other.newPage();
    friend.on('pageerror', (e) => {
      throw e;
    });
    await friend.goto(link);
    await expect(friend.getByRole('heading', { level: 1 })).toHaveText('Sam’s list');
    await ready(friend, ['catalog', 'index']);
    // Liked in Sam's list: The Prestige, Inception, Spirited Away, Memento and Amélie.
    await expect(friend.getByTestId('shared-list').getByRole('link')).toHaveCount(5);
    await expect(friend.getByRole('list', { name: 'Recommended titles' }).locator('> li')).toHaveCount(20);
    await expect(friend.getByLabel('Blend with my list')).toBeDisabled();
    // Nothing of Sam's came into the friend's own list.
    await friend.getByRole('link', { name: 'My list' }).click();
    await expect(friend.getByText('Nothing here yet.')).toBeVisible();

    await friend.goto('/search?q=toy+story');
    await ready(friend, ['catalog']);
    await friend.getByRole('button', { name: 'Like: Toy Story', exact: true }).click();
    // Leaving the page before the like is written would lose it (the blend's checkbox then stays disabled).
    await expect.poll(() => storedLikes(friend)).toBe(1);
    await friend.goto(link);
    await ready(friend, ['catalog', 'index']);
    await friend.getByLabel('Blend with my list').check();
    const blended = friend.getByRole('list', { name: 'Recommended for both' });
    await expect(blended.locator('> li')).toHaveCount(20);
    await expect(blended).toContainText('close to your likes');
    await expect(blended).toContainText('close to Sam’s likes');
    await checkScreen(friend, testInfo, 'shared-list-blended');
    // Seen by either is hidden: marking the first result seen takes it out.
    const first = (await blended.locator('> li').first().getByRole('link').first().textContent())!;
    await blended.getByRole('button', { name: `Seen it: ${first}`, exact: true }).click();
    await expect(blended.locator('> li').first().getByRole('link').first()).not.toHaveText(first);
    await other.close();
  });

  test('a damaged link says so', async ({ page }, testInfo) => {
    await page.goto('/shared#bm90IGEgbGlzdA');
    await expect(page.getByRole('alert')).toContainText('This link does not carry a list');
    await checkScreen(page, testInfo, 'shared-list-damaged');
  });
});
