import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Manifest } from '../src/catalog/manifest.ts';
import { buildFixtureCatalog } from '../tools/testing/fixtureCatalog.ts';
import { ready } from './stages.ts';

// Routed data must reach the engine worker on every load, not a service worker's copy.
test.use({ serviceWorkers: 'block' });

/** The built Trakt sample (27 titles), which each test copies and spoils in its own way. */
let fixtureDir: string;
test.beforeAll(async () => {
  fixtureDir = (await buildFixtureCatalog()).outDir;
});

interface Spoil {
  /** Statements run on the catalog database: text no importer would let through. */
  sql?: [statement: string, params?: string[]][];
  /** Rewrites the vector index file. */
  index?: (bytes: Buffer) => Buffer;
}

/**
 * A copy of the sample with some files changed, and a manifest that vouches for the changed
 * bytes: the engine's integrity check passes, so what is tested is what the app does with
 * bad content, not the refetch of a bad download.
 */
async function spoiledCatalog({ sql = [], index }: Spoil): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'marquee-resilience-'));
  await cp(fixtureDir, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  const replace = async (ref: { file: string; bytes: number; sha256: string }, bytes: Uint8Array) => {
    await writeFile(path.join(dir, ref.file), bytes);
    ref.bytes = bytes.length;
    ref.sha256 = createHash('sha256').update(bytes).digest('hex');
  };
  if (sql.length) {
    const db = new (await initSqlJs()).Database(await readFile(path.join(dir, manifest.catalog.file)));
    for (const [statement, params] of sql) db.run(statement, params);
    await replace(manifest.catalog, db.export());
  }
  if (index) await replace(manifest.index, index(await readFile(path.join(dir, manifest.index.file))));
  await writeFile(manifestPath, JSON.stringify(manifest));
  return dir;
}

/** Serves `dir` as the site's data/, each file after `delayMs[file]` milliseconds when given. */
async function serveData(page: Page, dir: string, delayMs: Record<string, number> = {}) {
  await page.route('**/data/**', async (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    await new Promise((resolve) => setTimeout(resolve, delayMs[name] ?? 0));
    await route.fulfill({ body: await readFile(path.join(dir, name)), contentType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
  });
}

/**
 * Where each of `pieces` is drawn, left to right on screen, taking each piece at its first
 * occurrence after the previous one in the element's text. Lets a test check the visual
 * order that the bidi algorithm produced, not just the order of characters in the DOM.
 */
function lefts(element: Locator, pieces: string[]): Promise<number[]> {
  return element.evaluate((root, pieces) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) nodes.push(walker.currentNode as Text);
    const text = nodes.map((n) => n.data).join('');
    const at = (offset: number): [Text, number] => {
      for (const node of nodes) {
        if (offset <= node.data.length) return [node, offset];
        offset -= node.data.length;
      }
      throw new Error(`offset past the text: ${text}`);
    };
    let from = 0;
    return pieces.map((piece) => {
      const start = text.indexOf(piece, from);
      if (start < 0) throw new Error(`"${piece}" is not in "${text.slice(from)}"`);
      from = start + piece.length;
      const range = document.createRange();
      range.setStart(...at(start));
      range.setEnd(...at(from));
      return range.getBoundingClientRect().left;
    });
  }, pieces);
}

/** Asserts that `pieces` appear on screen in this order, left to right. */
async function expectDrawnInOrder(element: Locator, pieces: string[]) {
  const xs = await lefts(element, pieces);
  const order = pieces.map((piece, i) => ({ piece, x: xs[i]! })).sort((a, b) => a.x - b.x).map((p) => p.piece);
  expect(order, `drawn left to right in: ${await element.textContent()}`).toEqual(pieces);
}

const HEBREW = 'סרט עברי';
// U+202E (right-to-left override) left open: without isolation it reverses everything after it, "(2003)" drawn as "(3002)".
const OVERRIDE = 'Nemo \u202Eis lost';

test.describe('resilience', () => {
  const uncaught: Error[] = [];
  test.beforeEach(({ page }) => {
    uncaught.length = 0;
    page.on('pageerror', (e) => uncaught.push(e));
  });
  test.afterEach(() => {
    expect(uncaught.map(String), 'uncaught errors in the page').toEqual([]);
  });

  test('right-to-left titles and bidi controls are isolated: year and runtime stay in order', async ({ page }) => {
    await serveData(
      page,
      await spoiledCatalog({
        sql: [
          [`UPDATE titles SET title = '${HEBREW}', year = 2010, runtime = 100 WHERE title = 'Toy Story 2'`],
          [`UPDATE titles SET title = ? WHERE title = 'Finding Nemo'`, [OVERRIDE]],
        ],
      }),
    );
    await page.goto('/');
    await ready(page, ['catalog']);
    const box = page.getByRole('combobox');

    // Typeahead: titles are found by their indexed words; what is drawn is the stored text.
    await box.fill('finding nemo');
    const nemo = page.getByRole('option').filter({ hasText: 'Nemo' });
    await expect(nemo.locator('bdi')).toHaveText(OVERRIDE);
    await expectDrawnInOrder(nemo, ['Nemo', '(', '2', '0', '0', '3', ')']);
    await box.fill('toy story');
    const hebrew = page.getByRole('option').filter({ hasText: HEBREW });
    await expect(hebrew.locator('bdi')).toHaveText(HEBREW);
    await expectDrawnInOrder(hebrew, [HEBREW, '(', '2010', ')']);

    // The movie page's heading, and the similar titles of Toy Story.
    await hebrew.click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(HEBREW);
    await expectDrawnInOrder(page.getByRole('heading', { level: 1 }), [HEBREW, '(', '2010', ')']);
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await box.fill('toy story');
    await box.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toy Story (1995)');
    await ready(page, ['index']);
    const results = page.getByTestId('results').locator('> li');
    await expectDrawnInOrder(results.filter({ hasText: HEBREW }).locator('p').first(), [HEBREW, '(', '2010', '100 min', ')']);
    await expectDrawnInOrder(results.filter({ hasText: 'Nemo' }).locator('p').first(), ['Nemo', '(', '2', '0', '0', '3', '100 min', ')']);
  });

  test('a page that fails to render says what failed, and the rest of the app keeps working', async ({ page }) => {
    // Valid JSON of the wrong shape: the movie page cannot list the credits.
    await serveData(page, await spoiledCatalog({ sql: [[`UPDATE titles SET credits = '{}' WHERE title = 'Inception'`]] }));
    await page.goto('/');
    await ready(page, ['catalog']);
    await page.getByRole('combobox').fill('inception');
    await page.getByRole('combobox').press('Enter');

    const failure = page.getByRole('alert').filter({ hasText: "This title's page could not be shown" });
    await expect(failure).toBeVisible();
    await expect(failure).toContainText('credits');
    // The header, its navigation and the loading strip are still there and work.
    await expect(page.getByRole('region', { name: 'Loading' })).toBeAttached();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My list' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My list');
    await expect(failure).toHaveCount(0);
    // Another title opens as usual: the failure belonged to one page.
    await page.getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('combobox').fill('heat');
    await page.getByRole('combobox').press('Enter');
    await page.getByTestId('search-results').getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Heat');
  });

  test('a vector file that is cut off fails its stage, and pages stop waiting and say why', async ({ page }) => {
    // Passes the hash check (the manifest vouches for it), then fails when the worker reads it.
    // Served late, so that the page is already waiting for similar titles when it fails.
    const dir = await spoiledCatalog({ index: (bytes) => bytes.subarray(0, bytes.length - 1000) });
    await serveData(page, dir, { 'vectors.i8': 3_000 });
    await page.goto('/');
    await ready(page, ['catalog']);
    await page.getByRole('combobox').fill('toy story');
    await page.getByRole('combobox').press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toy Story (1995)');
    await expect(page.getByText('Similar titles appear when the vector index has loaded')).toBeVisible();

    const stage = page.getByTestId('stage-index');
    await expect(stage).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
    await expect(stage).toContainText('unavailable: ');
    await expect(stage).toContainText('(cut off)');
    const similar = page.getByRole('alert').filter({ hasText: 'Similar titles are unavailable' });
    await expect(similar).toBeVisible({ timeout: 5_000 });
    await expect(similar).not.toContainText('undefined');

    await page.getByRole('link', { name: 'Describe' }).click();
    const freeText = page.getByRole('alert').filter({ hasText: 'Free-text search is unavailable' });
    await expect(freeText).toContainText('The vector index did not load');
    await expect(freeText).toContainText('Title search still works.');
    await expect(freeText).not.toContainText('undefined');
  });

  test('results of an earlier question are marked stale until the answer to the new one arrives', async ({ page }) => {
    await page.goto('/search?q=toy+story');
    await ready(page, ['catalog', 'index']);
    const results = page.getByTestId('results');
    await expect(results.locator('> li')).toHaveCount(20);
    const before = await results.getAttribute('data-answer');
    await expect(results).toHaveAttribute('aria-busy', 'false');

    // The worker answers in order: a queue of title searches holds the new answer back.
    await page.evaluate(() => {
      for (let i = 0; i < 5000; i++) void globalThis.marqueeEngine!.searchTitles(`qzx${i} vbnm`, 30);
    });
    await page.getByRole('spinbutton', { name: 'Year from' }).fill('2000');
    await expect(results).toHaveAttribute('aria-busy', 'true');
    await expect(results).toHaveAttribute('data-answer', before!);

    await expect(results).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
    await expect(results).not.toHaveAttribute('data-answer', before!);
    const years = (await results.locator('> li').allTextContents()).map((t) => Number(/\((\d{4})/.exec(t)?.[1]));
    expect(years.every((y) => y >= 2000), years.join(' ')).toBe(true);
  });
});

test.describe('a bad manifest.json', () => {
  const bad: [what: string, body: (real: string) => string, contentType: string][] = [
    ['truncated JSON', (real) => real.slice(0, 200), 'application/json'],
    ['an HTML page with status 200 (what a static host serves for a missing file)', () => '<!doctype html><html><body><h1>Not here</h1></body></html>', 'text/html'],
    ['a manifest of another format', () => '{"format": 999}', 'application/json'],
  ];
  for (const [what, body, contentType] of bad) {
    test(`${what}: the loading strip and every page say what is wrong and what still works`, async ({ page }) => {
      const real = await (await page.request.get('/data/manifest.json')).text();
      await page.route('**/data/manifest.json*', (route) => route.fulfill({ status: 200, contentType, body: body(real) }));

      await page.goto('/');
      for (const stage of ['catalog', 'index', 'model']) {
        await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute('data-state', 'failed', { timeout: 5_000 });
        await expect(page.getByTestId(`stage-${stage}`)).toContainText('unavailable: ');
        await expect(page.getByTestId(`stage-${stage}`)).not.toContainText('undefined');
      }
      const banner = page.getByRole('alert').filter({ hasText: 'The catalog could not be loaded' });
      await expect(banner).toContainText('manifest');
      await expect(banner).toContainText('my list still works');

      await page.goto('/search?q=heat');
      await expect(page.getByRole('alert').filter({ hasText: 'Title search is unavailable' })).toContainText('My list still works.', { timeout: 5_000 });
      await page.goto('/discover?text=a+heist');
      const freeText = page.getByRole('alert').filter({ hasText: 'Free-text search is unavailable' });
      await expect(freeText).toContainText('My list still works.', { timeout: 5_000 });
      await expect(freeText).not.toContainText('Title search');
      await page.getByRole('link', { name: 'My list' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('My list');
    });
  }
});
