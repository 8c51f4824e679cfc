import { expect, test, type Page } from '@playwright/test';
import { checkScreen } from './checkScreen.ts';
import { ready } from './stages.ts';

const resultTitles = (page: Page) => page.getByTestId('results').getByRole('link').allTextContents();

test.describe('the app', () => {
  test.beforeEach(({ page }) => {
    page.on('pageerror', (e) => {
      throw e;
    });
  });

  test('a misspelt title is found as you type, and the keyboard opens it', async ({ page }, testInfo) => {
    await page.goto('/');
    await ready(page, ['catalog']);
    const box = page.getByRole('combobox', { name: 'Search a movie or show by title' });
    await box.pressSequentially('toy stroy');
    const options = page.getByRole('option');
    await expect(options.first()).toContainText('Toy Story');
    await checkScreen(page, testInfo, 'typeahead');
    await box.press('ArrowDown');
    await expect(options.first()).toHaveAttribute('aria-selected', 'true');
    await box.press('Enter');
    await expect(page).toHaveURL(/\/movie\/[^/?]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Toy Story');
  });

  test('Enter on a title two movies share lists both to pick from', async ({ page }, testInfo) => {
    await page.goto('/');
    await ready(page, ['catalog']);
    await page.getByRole('combobox').fill('king kong');
    await page.getByRole('combobox').press('Enter');
    await expect(page).toHaveURL(/\/search\?q=king\+kong$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('2 titles are called “king kong”: which one?');
    const choices = page.getByTestId('search-results').getByRole('link');
    await expect(choices).toHaveText([/King Kong \(1976\)/, /King Kong \(2005\)/]);
    await checkScreen(page, testInfo, 'disambiguation');
    await choices.nth(1).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('King Kong (2005)');
  });

  test('the movie page lists 20 similar titles, never itself, and more on demand; a filter narrows them and lives in the URL', async ({ page }, testInfo) => {
    await page.goto('/search?q=toy+story');
    await ready(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toy Story (1995)');
    const moviePath = new URL(page.url()).pathname;
    await expect(page.getByTestId('results').locator('> li')).toHaveCount(20);
    expect(await resultTitles(page)).not.toContain('Toy Story');
    expect(await resultTitles(page)).toContain('Toy Story 2');
    await expect(page.getByTestId('results').getByText(/% match/).first()).toBeVisible();
    await checkScreen(page, testInfo, 'movie');
    // The same screen on a phone, and in dark mode.
    await page.setViewportSize({ width: 390, height: 844 });
    await checkScreen(page, testInfo, 'movie-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkScreen(page, testInfo, 'movie-phone-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Show 20 more' }).click();
    await expect(page.getByTestId('results').locator('> li')).toHaveCount(40);

    await page.getByRole('spinbutton', { name: 'Year from' }).fill('2000');
    await expect(page).toHaveURL(new RegExp(`${moviePath}\\?year=2000-$`));
    await page.getByRole('checkbox', { name: /Hide the same franchise/ }).check();
    await expect(page).toHaveURL(/hide-franchise=true/);
    const years = async () => (await page.getByTestId('results').locator('> li').allTextContents()).map((t) => Number(/\((\d{4})/.exec(t)?.[1]));
    // At least twenty, each from 2000 on: an empty list must not pass as "every year is recent".
    await expect.poll(async () => { const y = await years(); return y.length >= 20 && y.every((year) => year >= 2000); }).toBe(true);
    expect(await resultTitles(page)).not.toContain('Toy Story 2');
    // Extra pages are not part of the link: a reload shows the first 20 again.
    const filtered = (await resultTitles(page)).slice(0, 20);
    await checkScreen(page, testInfo, 'movie-filtered');

    // A copied link opens the same view.
    await page.reload();
    await ready(page, ['catalog', 'index']);
    await expect(page.getByRole('spinbutton', { name: 'Year from' })).toHaveValue('2000');
    await expect(page.getByRole('checkbox', { name: /Hide the same franchise/ })).toBeChecked();
    await expect.poll(() => resultTitles(page)).toEqual(filtered);
  });

  test('back and forward move between movies', async ({ page }) => {
    await page.goto('/search?q=toy+story');
    await ready(page, ['catalog', 'index']);
    const first = await page.getByRole('heading', { level: 1 }).textContent();
    const next = page.getByTestId('results').getByRole('link').first();
    const nextTitle = await next.textContent();
    await next.click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(nextTitle!);
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first!);
    await page.goForward();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(nextTitle!);
  });

  test('free text finds titles by what they are about', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Describe what I want to watch' }).click();
    await page.getByRole('textbox', { name: 'Describe a movie in your own words' }).fill('toys that come alive when nobody is watching');
    await page.getByRole('textbox', { name: 'Describe a movie in your own words' }).press('Enter');
    await expect(page).toHaveURL(/\/discover\?text=toys/);
    await ready(page);
    await expect.poll(async () => (await resultTitles(page)).some((t) => t.startsWith('Toy Story'))).toBe(true);
    await checkScreen(page, testInfo, 'discover');
  });

  test('my list keeps likes and seen marks across a reload and recommends from the likes', async ({ page }, testInfo) => {
    await page.goto('/search?q=toy+story');
    await ready(page, ['catalog', 'index']);
    await page.getByRole('button', { name: 'Like: Toy Story', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Like: Toy Story', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('link', { name: 'My list' }).click();
    await page.reload();
    await expect(page.getByTestId('my-list')).toContainText('Toy Story (1995)');
    await ready(page, ['catalog', 'index']);
    const recommended = page.getByRole('list', { name: 'Recommended titles' }).getByRole('link');
    await expect(recommended.first()).toBeVisible();
    expect(await recommended.allTextContents()).not.toContain('Toy Story');
    await checkScreen(page, testInfo, 'my-list');
  });

  test('when the model fails, free text says why and title search and similar titles still work', async ({ page }, testInfo) => {
    await page.route('**/models/**/model_quantized.onnx?v=*', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await page.goto('/discover');
    await expect(page.getByTestId('stage-model')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
    await expect(page.getByRole('alert')).toContainText('Free-text search is unavailable');
    await expect(page.getByRole('alert')).toContainText('Title search and similar titles still work');
    await expect(page.getByRole('button', { name: 'Find titles' })).toBeDisabled();
    await checkScreen(page, testInfo, 'model-failed');
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('combobox').fill('toy story');
    await page.getByRole('combobox').press('Enter');
    await expect(page.getByTestId('results').locator('> li')).toHaveCount(20);
  });

  test('a summary from Wikipedia says so, linked to its article; the demo’s own films say nothing', async ({ page }, testInfo) => {
    await page.goto('/search?q=vertigo');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Vertigo');
    const credit = page.getByTestId('text-credit');
    await expect(credit).toHaveText('Summary from Wikipedia, CC BY-SA 4.0');
    await expect(credit.getByRole('link', { name: 'Wikipedia' })).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/Vertigo_(film)');
    await checkScreen(page, testInfo, 'wikipedia-summary');
    await page.goto('/search?q=meet+the+parents');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Meet the Parents');
    await expect(page.getByTestId('text-credit')).toHaveCount(0);
  });

  test('a filter nothing passes offers to clear it', async ({ page }, testInfo) => {
    await page.goto('/search?q=toy+story');
    await ready(page, ['catalog', 'index']);
    // Before any film of the demo (its oldest, from Wikipedia, is of 1895).
    await page.getByRole('spinbutton', { name: 'Year to' }).fill('1880');
    await expect(page.getByRole('status')).toContainText('No title passes these filters');
    await checkScreen(page, testInfo, 'no-results');
    await page.getByRole('button', { name: 'Clear the filters to see similar titles' }).click();
    await expect(page).toHaveURL(/\/movie\/[^/?]+$/);
    await expect(page.getByTestId('results').locator('> li')).toHaveCount(20);
  });

  test('when the catalog fails to load, the app says so', async ({ page }, testInfo) => {
    await page.route('**/data/catalog.sqlite?v=*', (route) => route.fulfill({ status: 500, body: 'broken' }));
    await page.goto('/');
    await expect(page.getByRole('alert').first()).toContainText('The catalog could not be loaded');
    await expect(page.getByRole('alert').first()).toContainText('data/catalog.sqlite: HTTP 500');
    await expect(page.getByTestId('stage-catalog')).toHaveAttribute('data-state', 'failed');
    await checkScreen(page, testInfo, 'catalog-failed');
  });

  test('a link to an unknown title says so and offers search', async ({ page }, testInfo) => {
    await page.goto('/movie/tmdb:99999999');
    await expect(page.getByRole('alert')).toContainText('This catalog has no title tmdb:99999999');
    await expect(page.getByRole('combobox')).toBeVisible();
    await checkScreen(page, testInfo, 'unknown-title');
    // A link that is no title reference at all says so, instead of opening some other film.
    await page.goto('/movie/tmdb:abc');
    await expect(page.getByRole('alert')).toContainText('"tmdb:abc" is not a valid title reference');
    await expect(page.getByRole('combobox')).toBeVisible();
  });
});
