import path from 'node:path';
import { createServer } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('dev server (npm start)', () => {
  it('serves the ONNX runtime and the model with the cross-origin isolation headers worker scripts need', async () => {
    const server = await createServer({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'silent', server: { port: 0, host: '127.0.0.1' } });
    await server.listen();
    try {
      const base = server.resolvedUrls!.local[0]!;
      for (const file of ['ort/ort-wasm-simd-threaded.asyncify.mjs', 'models/all-MiniLM-L6-v2/config.json']) {
        const res = await fetch(new URL(file, base));
        expect(res.status).toBe(200);
        expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
        expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      }
      expect((await fetch(new URL('ort/ort-wasm-simd-threaded.asyncify.mjs', base))).headers.get('content-type')).toBe('text/javascript');
    } finally {
      await server.close();
    }
  });
});
