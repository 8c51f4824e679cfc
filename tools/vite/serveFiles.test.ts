import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, createServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFiles, type Mount } from './serveFiles.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

let scratch: string;
beforeAll(async () => void (scratch = await mkdtemp(path.join(tmpdir(), 'serve-files-'))));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A site of one page, and a directory of two files to mount beside it. */
async function tinySite(): Promise<{ root: string; assets: string }> {
  const root = await mkdtemp(path.join(scratch, 'site-'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
  const assets = path.join(root, 'assets-src');
  await mkdir(path.join(assets, 'sub'), { recursive: true });
  await writeFile(path.join(assets, 'a.wasm'), 'a');
  await writeFile(path.join(assets, 'sub', 'b.json'), '{}');
  return { root, assets };
}

describe('dev server (npm start)', () => {
  it('serves the ONNX runtime and the model with the cross-origin isolation headers worker scripts need, and writes no files', async () => {
    const outDir = path.join(scratch, 'dev-out');
    const server = await createServer({ root: ROOT, configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'silent', server: { port: 0, host: '127.0.0.1' }, build: { outDir } });
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
    // Closing a dev server runs closeBundle; vitest's own server did, and wrote 50 MB of model
    // and runtime into its placeholder outDir.
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('vite build', () => {
  it('copies each mount into the built site, only the listed files where a list is given', async () => {
    const { root, assets } = await tinySite();
    const outDir = path.join(root, 'dist');
    const mounts: Mount[] = [
      { url: '/all', dir: assets, hint: '' },
      { url: '/some', dir: assets, files: ['a.wasm'], hint: '' },
    ];
    await build({ root, configFile: false, logLevel: 'silent', plugins: [serveFiles(mounts)], build: { outDir } });
    expect((await readdir(path.join(outDir, 'all'), { recursive: true })).sort()).toEqual(['a.wasm', 'sub', path.join('sub', 'b.json')]);
    expect(await readdir(path.join(outDir, 'some'))).toEqual(['a.wasm']);
  });

  it('fails the build with the hint when a mounted directory is missing', async () => {
    const { root } = await tinySite();
    const mounts: Mount[] = [{ url: '/models', dir: path.join(root, 'absent'), hint: 'run `npm run model`' }];
    await expect(build({ root, configFile: false, logLevel: 'silent', plugins: [serveFiles(mounts)], build: { outDir: path.join(root, 'dist') } })).rejects.toThrow(/absent is missing: run `npm run model`/);
  });
});
