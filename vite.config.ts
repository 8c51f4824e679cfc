import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { MODEL_ROOT } from './tools/paths.ts';
import { serveModel } from './tools/vite/serveModel.ts';

export default defineConfig({
  plugins: [react(), tailwindcss(), serveModel(MODEL_ROOT)],
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
