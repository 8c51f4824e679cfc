import { expect, test } from '@playwright/test';

test('the worker loads catalog, index and model, and answers title, similar and free-text queries', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(baseURL!) && !/^(data|blob):/.test(req.url())) foreign.push(req.url());
  });
  const runtime: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/ort/')) runtime.push(new URL(req.url()).pathname);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  for (const stage of ['catalog', 'index', 'model']) {
    await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  }

  const answers = await page.evaluate(async () => {
    const engine = globalThis.marqueeEngine!;
    const hits = await engine.searchTitles('toy sto');
    const toyStory = hits.find((h) => h.title === 'Toy Story')!;
    const similar = await engine.similar(toyStory.key, 5);
    const text = await engine.searchText('toys that come alive when nobody is watching', 5);
    const filtered = await engine.similar(toyStory.key, 5, { genres: ['horror'] });
    const misspelt = await engine.searchTitles('toy stroy');
    return {
      hits: hits.map((h) => h.title),
      similar: similar.map((r) => ({ key: r.entry.key, title: r.entry.title })),
      selfKey: toyStory.key,
      text: text.map((r) => r.entry.title),
      filteredGenres: filtered.map((r) => r.entry.genres),
      misspelt: misspelt.map((h) => h.title),
    };
  });
  expect(answers.hits).toContain('Toy Story');
  expect(answers.similar).toHaveLength(5);
  expect(answers.similar.map((s) => s.key)).not.toContain(answers.selfKey);
  expect(answers.similar.map((s) => s.title)).toContain('Toy Story 2');
  expect(answers.text.some((t) => t.startsWith('Toy Story'))).toBe(true);
  // Five, each a horror title: an empty answer must not pass as "every one is horror".
  expect(answers.filteredGenres).toHaveLength(5);
  expect(answers.filteredGenres.every((g) => g.includes('horror'))).toBe(true);
  expect(answers.misspelt).toContain('Toy Story');
  // The plain WASM build: the asyncify one (twice the size) is for WebGPU only.
  expect(runtime).toContain('/ort/ort-wasm-simd-threaded.wasm');
  expect(runtime.filter((p) => p.includes('.asyncify.'))).toEqual([]);
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});
