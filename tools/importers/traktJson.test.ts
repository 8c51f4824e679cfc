import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { traktJsonSource, traktToRecord } from './traktJson.ts';
import { countByReason, validateAll } from './validate.ts';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/trakt-sample.jsonl');

describe('json importer (Trakt extended=full)', () => {
  it('reads JSON lines with bare movies and wrapped shows, and reports every bad item', async () => {
    const result = await validateAll(traktJsonSource(FIXTURE).items(), new Date('2026-11-28'));
    expect(result.read).toBe(32);
    expect(countByReason(result.rejected)).toEqual({ malformed: 1, 'broken-text': 1, 'missing-title': 1, 'impossible-year': 1, 'duplicate-id': 1 });
    expect(result.rejected.find((r) => r.reason === 'malformed')!.where).toBe('trakt-sample.jsonl:6');
    const show = result.accepted.find((r) => r.title === 'Money Heist');
    expect(show).toMatchObject({ type: 'show', released: '2017-01-20', language: 'es', show: { network: 'Netflix', status: 'ended', airedEpisodes: 41 } });
    expect(result.accepted.find((r) => r.title === 'Amélie')).toMatchObject({ type: 'movie', ids: { trakt: 55016, slug: 'amélie-2001', imdb: 'tt0211915', tmdb: 194 } });
  });

  it('reads a JSON array too', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'trakt-')), 'a.json');
    await writeFile(file, JSON.stringify([{ movie: { title: 'Heat', year: 1995, ids: { trakt: 1, slug: 'heat-1995', imdb: null, tmdb: null } } }]));
    const result = await validateAll(traktJsonSource(file).items());
    expect(result.accepted).toEqual([expect.objectContaining({ title: 'Heat', type: 'movie', genres: [], rating: null })]);
  });

  it('reads past a UTF-8 byte order mark, in JSON lines and in a JSON array', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trakt-'));
    const heat = { title: 'Heat', year: 1995, ids: { trakt: 1, slug: 'heat-1995', imdb: null, tmdb: null } };
    const alien = { title: 'Alien', year: 1979, ids: { trakt: 2, slug: 'alien-1979', imdb: null, tmdb: null } };
    await writeFile(path.join(dir, 'bom.jsonl'), `\uFEFF${JSON.stringify(heat)}\n${JSON.stringify(alien)}\n`);
    await writeFile(path.join(dir, 'bom.json'), `\uFEFF${JSON.stringify([heat, alien])}`);
    for (const file of ['bom.jsonl', 'bom.json']) {
      const result = await validateAll(traktJsonSource(path.join(dir, file)).items());
      expect(result.rejected).toEqual([]);
      expect(result.accepted.map((r) => r.title)).toEqual(['Heat', 'Alien']);
    }
  });

  it('says what it expected when given a directory or a missing file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trakt-'));
    await expect(validateAll(traktJsonSource(dir).items())).rejects.toThrow(`json: ${dir} is a directory; expected one file of Trakt titles (a JSON array or JSON lines)`);
    await expect(validateAll(traktJsonSource(path.join(dir, 'none.jsonl')).items())).rejects.toThrow(`json: ${path.join(dir, 'none.jsonl')} does not exist`);
  });

  it('refuses wrongly typed fields with the field name', () => {
    expect(() => traktToRecord({ title: 'X', year: '1995', ids: { trakt: 1 } })).toThrow('year is "1995", expected a number');
    expect(() => traktToRecord({ title: 'X', year: 1995 })).toThrow('no ids');
  });
});
