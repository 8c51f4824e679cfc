import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { build, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressed } from './precompressed.ts';

let scratch: string;
beforeAll(async () => void (scratch = await mkdtemp(path.join(tmpdir(), 'precompressed-'))));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('precompressed copies', () => {
  it('are written for the built site and served under Content-Encoding, never when stale or not accepted', async () => {
    const root = await mkdtemp(path.join(scratch, 'site-'));
    await writeFile(path.join(root, 'index.html'), `<!doctype html><title>t</title><p>${'words '.repeat(400)}</p>`);
    const outDir = path.join(root, 'dist');
    const plugins = [precompressed()];
    await build({ root, configFile: false, logLevel: 'silent', plugins, build: { outDir } });
    const html = await readFile(path.join(outDir, 'index.html'));
    expect(brotliDecompressSync(await readFile(path.join(outDir, 'index.html.br')))).toEqual(html);

    const server = await preview({ root, configFile: false, logLevel: 'silent', plugins, build: { outDir }, preview: { port: 0, host: '127.0.0.1', headers: { 'Cross-Origin-Embedder-Policy': 'require-corp' } } });
    try {
      const url = new URL('index.html', server.resolvedUrls!.local[0]!);
      const get = (encodings: string) => fetch(url, { headers: { 'accept-encoding': encodings } });
      const br = await get('gzip, br');
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('content-type')).toBe('text/html');
      expect(br.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(Number(br.headers.get('content-length'))).toBeLessThan(html.length / 4);
      expect(Buffer.from(await br.arrayBuffer())).toEqual(html);
      expect((await get('gzip')).headers.get('content-encoding')).toBe('gzip');
      expect((await get('identity')).headers.get('content-encoding')).toBeNull();

      // The file edited after the build: its copies would send the old content.
      const later = new Date(Date.now() + 60_000);
      await utimes(path.join(outDir, 'index.html'), later, later);
      expect((await get('br')).headers.get('content-encoding')).toBeNull();
    } finally {
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
  });
});
