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
  // The graph and its weights (onnx/model_quantized.onnx_data) among them.
  for (const file of Object.keys(manifest.model.files)) expect((await request.head(`/models/${manifest.model.id}/${file}`)).ok(), file).toBe(true);
});
