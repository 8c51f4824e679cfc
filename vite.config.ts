import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { MODEL } from './src/embedding/model.ts';
import { MODEL_ROOT, ROOT } from './tools/paths.ts';
import { binaryTypes } from './tools/vite/binaryTypes.ts';
import { precompressed } from './tools/vite/precompressed.ts';
import { serveFiles } from './tools/vite/serveFiles.ts';

// The onnxruntime-web builds the worker loads (workers/engine.worker.ts): the plain one for
// MiniLM on WASM (14.3 MB, precached), the asyncify one only on WebGPU (26.9 MB, fetched and
// kept by the service worker when a GPU first asks for it). The other builds would add 45 MB unused.
const ORT_WASM_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];
const ORT_WEBGPU_FILES = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];
const ORT_DIR = path.join(ROOT, 'node_modules/onnxruntime-web/dist');
// Cross-origin isolation lets the ONNX runtime use WASM threads; without it it runs on one.
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    serveFiles([
      // The served files only: not the float32 weights onnxruntime-node reads (src/embedding/model.ts).
      { url: '/models', dir: MODEL_ROOT, files: MODEL.files.map((f) => `${MODEL.id}/${f}`), hint: 'run `npm run model`' },
      { url: '/ort', dir: ORT_DIR, files: [...ORT_WASM_FILES, ...ORT_WEBGPU_FILES], hint: 'run `npm install`' },
    ]),
    binaryTypes(),
    // Vite's own copy of the runtime's .wasm, which the app never asks for (it loads /ort/).
    precompressed({ ignore: /^assets\/ort-wasm-/ }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      // Its own build of the service worker would print to stdout at info level, even when the
      // outer build is silent (npm run bench -- --json prints JSON there).
      integration: { configureCustomSWViteBuild: (config) => void (config.logLevel = 'warn') },
      injectRegister: false,
      // The icons are in the precache through globPatterns already.
      includeManifestIcons: false,
      manifest: {
        name: 'Marquee',
        short_name: 'Marquee',
        description: 'Similar movies, found by what they are about. Works offline.',
        theme_color: '#b45309',
        background_color: '#0a0a0a',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,wasm,png}'],
        // The catalog and model are kept by the engine (workers/fileCache.ts); the ONNX
        // runtime is served from /ort/ (below), so Vite's copy of its .wasm goes unused.
        globIgnores: ['data/**', 'models/**', 'ort/**', 'assets/ort-wasm-*'],
        // The runtime's .wasm is 14 MB; without it free text does not work offline.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // serveFiles copies /ort/ at the end of the build, after Workbox lists the files.
        additionalManifestEntries: ORT_WASM_FILES.map((f) => ({ url: `/ort/${f}`, revision: createHash('sha256').update(readFileSync(path.join(ORT_DIR, f))).digest('hex').slice(0, 16) })),
      },
    }),
  ],
  worker: { format: 'es' },
  server: { headers: ISOLATION },
  preview: { headers: ISOLATION },
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'workers/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tools/testing/globalSetup.ts'],
    // Most suites wait on child processes, loopback servers and timers: a worker per core keeps
    // every core busy. Vitest's default, one core fewer, runs the files one by one on 2 cores.
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
