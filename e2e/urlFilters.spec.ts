import { expect, test, type Page } from '@playwright/test';
import { ready } from './stages.ts';

/** Results, or the notice that no title passes: either way an answer, not an error. */
const answered = (page: Page) => page.getByTestId('results').or(page.getByText('No title passes these filters'));

test.describe('filters in links', () => {
  const errors: string[] = [];
  test.beforeEach(({ page }) => {
    errors.length = 0;
    page.on('pageerror', (e) => errors.push(e.message));
  });
  test.afterEach(() => expect(errors).toEqual([]));

  test('a link with 40,000 genres opens and answers: the list past its cap is dropped', async ({ page }) => {
    const genres = Array.from({ length: 40_000 }, (_, i) => `genre-${i}`).join(',');
    // The preview server refuses a request line this long (HTTP 431) where a static host
    // might not; the page gets the app as any static host would serve it.
    await page.route(
      (url) => url.pathname === '/discover',
      async (route) => route.fulfill({ response: await page.request.get('/discover') }),
    );
    await page.goto(`/discover?text=space&genre=${genres}`);
    await ready(page);
    await expect(answered(page)).toBeVisible();
    await expect(page.getByTestId('results').locator('> li').first()).toBeVisible();
    await expect(page.getByText(/Maximum call stack|The search failed/)).toHaveCount(0);
  });

  test('a genre with a comma in it stays one genre when the app rewrites the link and after a reload', async ({ page }) => {
    await page.goto('/search?q=toy+story');
    await ready(page, ['catalog', 'index']);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toy Story (1995)');
    const moviePath = new URL(page.url()).pathname;
    // One genre no title has: split at its comma, it would be comedy or drama, which many have.
    await page.goto(`${moviePath}?genre=${encodeURIComponent('comedy\\,drama')}`);
    await expect(page.getByText('No title passes these filters')).toBeVisible({ timeout: 60_000 });

    // Any filter change rewrites the whole link from the app's state.
    await page.getByRole('combobox', { name: 'Movies or shows' }).selectOption('movie');
    await expect(page).toHaveURL(/type=movie/);
    expect(new URL(page.url()).searchParams.getAll('genre')).toEqual(['comedy\\,drama']);
    await page.reload();
    await ready(page, ['catalog', 'index']);
    await expect(page.getByRole('combobox', { name: 'Movies or shows' })).toHaveValue('movie');
    await expect(page.getByText('No title passes these filters')).toBeVisible();
    await expect(page.getByTestId('results')).toHaveCount(0);
  });
});
