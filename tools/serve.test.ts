import { execFile, spawn } from 'node:child_process';
import { request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from './testing/sharedFixture.ts';

const run = promisify(execFile);
const TSX = path.join(import.meta.dirname, '../node_modules/.bin/tsx');
const SERVE = path.join(import.meta.dirname, 'serve.ts');

describe('npm run serve', () => {
  it('logs one JSON line per request, and on SIGTERM finishes the request in flight before it exits', async () => {
    const { outDir } = fixtureCatalog();
    const child = spawn(TSX, [SERVE, '--data', outDir, '--port', '0']);
    const lines: Record<string, unknown>[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const listening = new Promise<string>((resolve) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        const url = /listening at (http:\/\/\S+)/.exec(String(entry.msg))?.[1];
        if (url) resolve(url);
      });
    });
    try {
      const url = await listening;
      await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 30_000 }).toBe(200);
      // A request whose body is half sent when the signal lands is in flight: it is answered before the exit.
      const body = JSON.stringify({ liked: ['trakt:55001'], k: 3 });
      const req = request(`${url}/v1/recommend`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d) => (text += d)).on('end', () => resolve({ status: res.statusCode!, text }));
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 300));
      child.kill('SIGTERM');
      await expect.poll(() => lines.some((l) => l.signal === 'SIGTERM')).toBe(true);
      req.end(body.slice(10));
      const { status, text } = await answer;
      expect(status).toBe(200);
      expect(JSON.parse(text).results.map((r: { title: string }) => r.title)).toContain('Now You See Me 2');
      expect(await exited).toBe(0);
      const logged = lines.find((l) => l.url === '/v1/recommend');
      expect(logged).toMatchObject({ msg: 'answered', method: 'POST', status: 200, ms: expect.any(Number) });
      expect(lines.indexOf(logged!)).toBeGreaterThan(lines.findIndex((l) => l.signal === 'SIGTERM'));
      expect(lines.filter((l) => l.url === '/readyz' && l.status === 200)).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('names a bad flag, and stops with the reason when there is no catalog', async () => {
    await expect(run(TSX, [SERVE, '--port', '80000'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--port must be an integer from 0 to 65535, got "80000"') });
    await expect(run(TSX, [SERVE, '--cors', '*'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--cors must be an origin') });
    await expect(run(TSX, [SERVE, '--data', '/nonexistent', '--port', '0', '--log-level', 'silent'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('run `npm run catalog` first, or pass --data DIR'),
    });
  });
});
