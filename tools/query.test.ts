import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from './testing/sharedFixture.ts';

const run = promisify(execFile);
const TSX = path.join(import.meta.dirname, '../node_modules/.bin/tsx');
const QUERY = path.join(import.meta.dirname, 'query.ts');

describe('npm run query', async () => {
  const { outDir } = fixtureCatalog();
  const query = async (...args: string[]) => JSON.parse((await run(TSX, [QUERY, ...args, '--data', outDir, '--json'])).stdout);
  /** Many queries through one process (each start costs seconds): one JSON answer per non-empty line. */
  const batch = async (command: string, queries: string[]) => {
    const child = spawn(TSX, [QUERY, command, '--batch', '--k', '2', '--data', outDir]);
    child.stdin.end(`${queries.join('\n')}\n`);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    await new Promise((resolve) => child.on('close', resolve));
    return stdout.trim().split('\n').map((l) => JSON.parse(l));
  };

  it('similar by title: never the title itself, and names same-titled alternatives', async () => {
    const out = await query('similar', 'Heat', '--k', '3');
    expect(out.resolved).toMatchObject({ title: 'Heat', year: 1995 });
    expect(out.alternatives).toEqual([expect.objectContaining({ title: 'Heat', year: 1986 })]);
    expect(out.results).toHaveLength(3);
    expect(out.resolved.key).toBe('trakt:55006');
    expect(out.results.map((r: { key: string }) => r.key)).not.toContain(out.resolved.key);
  });

  it('similar by trakt, tmdb and imdb id resolve to the same title; a malformed id is an error, never another film', async () => {
    const lines = await batch('similar', ['trakt:55007', 'tmdb:31361', 'imdb:tt0091183', 'tmdb:abc', 'trakt:-1', 'imdb:0091183', 'trakt:1']);
    expect(lines[0].resolved).toMatchObject({ title: 'Heat', year: 1986, key: 'trakt:55007' });
    expect(lines[1].resolved).toEqual(lines[0].resolved);
    expect(lines[2].resolved).toEqual(lines[0].resolved);
    for (const bad of lines.slice(3, 6)) expect(bad.error).toBe(`"${bad.query}" is not a valid title reference: use trakt:N, tmdb:N, imdb:ttN, h:HASH (show:trakt:N and the like for shows) or id:N`);
    expect(lines[6].error).toBe('no title in the catalog has the reference trakt:1');
    await expect(run(TSX, [QUERY, 'similar', 'tmdb:abc', '--data', outDir])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('"tmdb:abc" is not a valid title reference') });
  });

  it('search lists matches with year, type and the start of the plot; text finds by description', async () => {
    const search = await query('search', 'toy sto');
    expect(search.results.map((r: { title: string }) => r.title)).toEqual(['Toy Story', 'Toy Story 2']);
    expect(search.results[0]).toMatchObject({ year: 1995, type: 'movie', overviewStart: expect.stringMatching(/^A cowboy doll/) });
    const text = await query('text', 'a heist by stage magicians', '--k', '3');
    expect(text.results.map((r: { title: string }) => r.title)).toContain('Now You See Me');
  });

  it('applies filters', async () => {
    const out = await query('similar', 'Toy Story', '--genre', 'animation', '--year', '1990-2005', '--k', '10');
    expect(out.results.length).toBeGreaterThan(0);
    for (const r of out.results) {
      expect(r.genres).toContain('animation');
      expect(r.year).toBeGreaterThanOrEqual(1990);
      expect(r.year).toBeLessThanOrEqual(2005);
    }
  });

  it('batch mode answers one JSON line per query line, errors included', async () => {
    const lines = await batch('similar', ['Inception', '', 'trakt:55010', 'no such film at all']);
    expect(lines.map((l) => l.query)).toEqual(['Inception', 'trakt:55010', 'no such film at all']);
    expect(lines[0].results).toHaveLength(2);
    expect(lines[1].resolved.title).toBe('Toy Story');
    expect(lines[2].error).toMatch(/^no title matches "no such film at all"/);
  });

  it('refuses an empty query and a catalog file that does not match its manifest', async () => {
    await expect(run(TSX, [QUERY, 'text', '  ', '--data', outDir])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('text needs a query') });
    const broken = path.join(await mkdtemp(path.join(tmpdir(), 'marquee-broken-')), 'data');
    await cp(outDir, broken, { recursive: true });
    const index = path.join(broken, 'vectors.i8');
    const bytes = await readFile(index);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(index, bytes);
    await expect(run(TSX, [QUERY, 'similar', 'Heat', '--data', broken])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/vectors\.i8 is not the file the manifest describes .*catalog rebuilt/),
    });
  });

  it('names a bad flag and a missing catalog', async () => {
    await expect(run(TSX, [QUERY, 'similar', 'Heat', '--kk', '3', '--data', outDir])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown flag --kk') });
    await expect(run(TSX, [QUERY, 'similar', 'Heat', '--year', 'soon', '--data', outDir])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--year must look like') });
    await expect(run(TSX, [QUERY, 'similar', 'Heat', '--data', '/nonexistent'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('run `npm run catalog` first') });
  });
});
