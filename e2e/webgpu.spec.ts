import { chromium, expect, test, type Page } from '@playwright/test';

const TEXT = 'toys that come alive when nobody is watching';

async function embedding(page: Page, url: string): Promise<{ device: string | undefined; vector: number[] }> {
  await page.goto(url);
  await expect(page.getByTestId('stage-model')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  return page.evaluate(async (text) => {
    const engine = globalThis.marqueeEngine!;
    return { device: (await engine.status()).model.device, vector: Array.from(await engine.embedText(text)) };
  }, TEXT);
}

// Chromium gives a WebGPU adapter here only with --enable-unsafe-webgpu (a software one,
// SwiftShader): enough to check that the GPU path loads and computes the same vectors.
test('with a WebGPU adapter the model runs on WebGPU and embeds as it does on WASM', async ({ page, baseURL }, testInfo) => {
  const config = testInfo.project.use.launchOptions!;
  const browser = await chromium.launch({ ...config, args: [...(config.args ?? []).filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu'] });
  try {
    const gpuPage = await browser.newPage();
    const runtime: string[] = [];
    gpuPage.on('request', (req) => req.url().includes('/ort/') && runtime.push(new URL(req.url()).pathname));
    const gpu = await embedding(gpuPage, baseURL!);
    // WebGPU needs onnxruntime-web's asyncify build, which only a GPU fetches.
    expect(runtime).toContain('/ort/ort-wasm-simd-threaded.asyncify.wasm');
    const wasm = await embedding(page, baseURL!);
    expect(gpu.device).toBe('webgpu');
    expect(wasm.device).toBe('wasm');
    const cosine = gpu.vector.reduce((sum, x, i) => sum + x * wasm.vector[i]!, 0);
    expect(cosine).toBeGreaterThan(0.999);
  } finally {
    await browser.close();
  }
});
