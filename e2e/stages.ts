import { expect, type Page } from '@playwright/test';

/** Waits until the engine's loading strip shows these stages ready. */
export async function ready(page: Page, stages = ['catalog', 'index', 'model']) {
  for (const stage of stages) await expect(page.getByTestId(`stage-${stage}`)).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
}
