import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright must never download a browser of its own. The flags keep
// Chromium off the network it would otherwise probe (these machines reach only registries).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = 4173;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  reporter: [['list']],
  // One worker: the offline tests rewrite the built dist/sw.js (Playwright cannot route a
  // service worker's own script), which pages of a parallel test would see; and two Chromiums
  // each loading the model on these 2 cores made waits time out.
  workers: 1,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // `npm test` has fetched the model already; the demo catalog is built once and kept.
    command: `npm run catalog -- --if-missing && npx vite build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
  },
});
