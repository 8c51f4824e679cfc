import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tmdbCsvSource } from './tmdbCsv.ts';
import { countByReason, validateAll } from './validate.ts';

const HEADER = 'imdb_id,adult,backdrop_path,budget,genres,homepage,id,original_language,original_title,overview,popularity,poster_path,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,video,vote_average,vote_count,certification';
const DUMMY = '0,,,,,,,,,,,,,,,,,,,,,,,,';
const HEAT = `tt0113277,False,/x.jpg,60000000.0,"[{'id': 28, 'name': 'Action'}, {'id': 878, 'name': 'Science Fiction'}]",,949.0,en,Heat,"Obsessive master thief Neil McCauley leads a crew.
A second line, with ""quotes"".",30.1,/p.jpg,"[{'id': 1, 'logo_path': None, 'name': ""Children's Films""}]","[{'iso_3166_1': 'US', 'name': 'United States of America'}]",1995-12-15,187436818.0,170.0,[],Released,A Los Angeles crime saga,Heat,False,7.9,5613.0,R`;
const NO_RUNTIME = `,False,,0.0,[],,12.0,fr,Le Film,,0.1,,[],[],2001-02-03,0.0,0.0,[],Released,,Le Film,False,0.0,0.0,`;
const BAD_GENRES = `tt1,False,,0.0,"[{'id': 28, 'name': 'Action'",,13.0,en,Broken,,0.1,,[],[],2001-02-03,0.0,90.0,[],Released,,Broken,False,5.0,3.0,`;

async function fixture(rows: string[], gz: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tmdb-'));
  const text = [HEADER, ...rows].join('\n') + '\n';
  await writeFile(path.join(dir, gz ? 'part.csv.gz' : 'part.csv'), gz ? gzipSync(text) : text);
  return dir;
}

describe('tmdb-csv importer', () => {
  it('maps the export fields: float ids, Python lists, multi-line plots, 0 runtime as unknown', async () => {
    const result = await validateAll(tmdbCsvSource(await fixture([DUMMY, HEAT, NO_RUNTIME], true)).items());
    expect(result.read).toBe(3);
    expect(countByReason(result.rejected)).toEqual({ 'missing-title': 1 });
    const [heat, film] = result.accepted;
    expect(heat).toMatchObject({
      type: 'movie', title: 'Heat', year: 1995, released: '1995-12-15', runtime: 170, genres: ['action', 'science-fiction'], language: 'en', country: 'us',
      certification: 'R', rating: 7.9, votes: 5613, tagline: 'A Los Angeles crime saga', ids: { trakt: null, imdb: 'tt0113277', tmdb: 949 },
    });
    expect(heat!.overview).toBe('Obsessive master thief Neil McCauley leads a crew.\nA second line, with "quotes".');
    expect(film).toMatchObject({ title: 'Le Film', runtime: null, rating: null, votes: 0, overview: null, ids: { imdb: null, tmdb: 12 } });
  });

  it('reports a row whose list column does not parse, with file and line, and keeps going', async () => {
    const result = await validateAll(tmdbCsvSource(await fixture([BAD_GENRES, HEAT], false)).items());
    expect(result.accepted.map((r) => r.title)).toEqual(['Heat']);
    expect(result.rejected[0]).toMatchObject({ reason: 'malformed', where: 'part.csv:2', title: 'Broken' });
    expect(result.rejected[0]!.detail).toMatch(/^genres: /);
  });

  it('says which path is missing', async () => {
    await expect(validateAll(tmdbCsvSource('/nonexistent/tmdb').items())).rejects.toThrow('tmdb-csv: /nonexistent/tmdb does not exist');
  });

  it('reads past a UTF-8 byte order mark, plain and gzipped', async () => {
    for (const gz of [false, true]) {
      const dir = await mkdtemp(path.join(tmpdir(), 'tmdb-'));
      const text = `\uFEFF${[HEADER, HEAT].join('\n')}\n`;
      await writeFile(path.join(dir, gz ? 'bom.csv.gz' : 'bom.csv'), gz ? gzipSync(text) : text);
      const result = await validateAll(tmdbCsvSource(dir).items());
      expect(result.rejected).toEqual([]);
      expect(result.accepted).toEqual([expect.objectContaining({ title: 'Heat', ids: expect.objectContaining({ imdb: 'tt0113277', tmdb: 949 }) })]);
    }
  });

  it('stops with the file named when a .gz is cut off, instead of waiting forever', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tmdb-'));
    const gz = gzipSync([HEADER, HEAT, HEAT].join('\n'));
    await writeFile(path.join(dir, 'cut.csv.gz'), gz.subarray(0, gz.length - 20));
    await expect(validateAll(tmdbCsvSource(dir).items())).rejects.toThrow(`tmdb-csv: ${path.join(dir, 'cut.csv.gz')} cannot be read past row 0: unexpected end of file`);
  }, 5_000);

  it('names a directory where a .csv file was expected', async () => {
    const dir = await fixture([HEAT], false);
    await mkdir(path.join(dir, 'nested.csv'));
    await expect(validateAll(tmdbCsvSource(dir).items())).rejects.toThrow(`tmdb-csv: ${path.join(dir, 'nested.csv')} is a directory; expected a .csv or .csv.gz file`);
  }, 5_000);

  const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/tmdb-2000-2021');
  it.skipIf(!existsSync(SHARED))('imports the 60k TMDB export (skipped without ../shared)', async () => {
    const result = await validateAll(tmdbCsvSource(SHARED).items(), new Date('2026-11-28'));
    expect(result.read).toBe(60102);
    // 22 dummy rows, and 5 plots with mojibake.
    expect(countByReason(result.rejected)).toEqual({ 'missing-title': 22, 'broken-text': 5 });
    expect(result.accepted).toHaveLength(60075);
  });
});
