import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { MODEL_ROOT, ROOT } from './tools/paths.ts';
import { binaryTypes } from './tools/vite/binaryTypes.ts';
import { serveFiles } from './tools/vite/serveFiles.ts';

// The onnxruntime-web build that transformers.js loads for the WASM device (the only one
// Chromium requested in e2e/engine.spec.ts; the other builds would add 60 MB unused).
const ORT_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];
// Cross-origin isolation lets the ONNX runtime use WASM threads; without it it runs on one.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    serveFiles([
      { url: '/models', dir: MODEL_ROOT, hint: 'run `npm run model`' },
      { url: '/ort', dir: path.join(ROOT, 'node_modules/onnxruntime-web/dist'), files: ORT_FILES, hint: 'run `npm install`' },
    ]),
    binaryTypes(),
  ],
  worker: { format: 'es' },
  server: { headers: ISOLATION },
  preview: { headers: ISOLATION },
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'workers/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
