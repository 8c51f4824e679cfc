import { expect, test } from '@playwright/test';

test('the built site loads the catalog manifest from its own origin only', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(baseURL!) && !req.url().startsWith('data:')) foreign.push(req.url());
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Marquee' })).toBeVisible();
  await expect(page.getByTestId('catalog-status')).toContainText(/[\d,]+ titles, catalog version [0-9a-f]{16}/);
  expect(foreign).toEqual([]);
});

test('the site serves the pinned model files beside the catalog', async ({ request }) => {
  const manifest = await (await request.get('/data/manifest.json')).json();
  const config = await request.get(`/models/${manifest.model.id}/config.json`);
  expect(config.ok()).toBe(true);
  expect((await config.json()).hidden_size).toBe(384);
  const onnx = await request.head(`/models/${manifest.model.id}/onnx/model_quantized.onnx`);
  expect(onnx.ok()).toBe(true);
});
