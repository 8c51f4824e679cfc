import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { genreSlug } from '../../src/catalog/genres.ts';
import type { TitleRecord } from '../../src/catalog/record.ts';
import { parsePythonLiteral, type PyValue } from './pythonLiteral.ts';
import { requireFile, statSource } from './sourcePath.ts';
import type { ImportItem, ImportSource } from './types.ts';

type Row = Record<string, string>;

/**
 * A TMDB `/movie/{id}` export as CSV (one file, or a directory of `.csv`/`.csv.gz` files):
 * numbers written as floats, lists as Python literals, and a dummy row per file.
 */
export function tmdbCsvSource(target: string): ImportSource {
  return {
    describe: `tmdb-csv ${target}`,
    async *items() {
      for (const file of await csvFiles(target)) yield* fileItems(file);
    },
  };
}

async function csvFiles(target: string): Promise<string[]> {
  if (!(await statSource('tmdb-csv', target)).isDirectory()) return [target];
  const files = (await readdir(target)).filter((f) => /\.csv(\.gz)?$/.test(f)).sort().map((f) => path.join(target, f));
  if (files.length === 0) throw new Error(`tmdb-csv: no .csv or .csv.gz files in ${target}`);
  for (const file of files) await requireFile('tmdb-csv', file, 'a .csv or .csv.gz file');
  return files;
}

async function* fileItems(file: string): AsyncGenerator<ImportItem> {
  const parser = parse({ columns: true, info: true, relax_column_count: true, bom: true });
  // pipeline() hands a read or gunzip error on to the parser, so the loop below throws it; .pipe() would leave the loop waiting forever.
  const stages = file.endsWith('.gz') ? [createReadStream(file), createGunzip(), parser] : [createReadStream(file), parser];
  pipeline(stages, () => {});
  const name = path.basename(file);
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Row; info: { lines: number } }>) {
      rows++;
      const where = `${name}:${info.lines}`;
      try {
        yield { ok: true, record: toRecord(record), where };
      } catch (err) {
        yield { ok: false, rejection: { reason: 'malformed', where, title: record.title || null, detail: (err as Error).message } };
      }
    }
  } catch (err) {
    // A file that cannot be read to its end (a cut-off .gz, an unclosed quote) stops the build: what follows is unknown.
    throw new Error(`tmdb-csv: ${file} cannot be read past row ${rows}: ${(err as Error).message}`);
  }
}

export function toRecord(row: Row): TitleRecord {
  const released = text(row.release_date);
  const year = released && /^\d{4}-\d{2}-\d{2}$/.test(released) ? Number(released.slice(0, 4)) : null;
  const rating = num(row.vote_average);
  const votes = int(row.vote_count);
  return {
    type: 'movie',
    title: row.title?.trim() ?? '',
    originalTitle: text(row.original_title),
    year,
    released: year === null ? null : released,
    // TMDB writes 0 for "unknown".
    runtime: int(row.runtime) || null,
    overview: text(row.overview),
    tagline: text(row.tagline),
    genres: names(row.genres, 'genres').map(genreSlug),
    language: text(row.original_language)?.toLowerCase() ?? null,
    country: firstCode(row.production_countries, 'production_countries'),
    certification: text(row.certification),
    rating: votes ? rating : null,
    votes,
    ids: { trakt: null, slug: null, imdb: text(row.imdb_id)?.startsWith('tt') ? text(row.imdb_id) : null, tmdb: int(row.id) },
    show: null,
    credits: [],
  };
}

function text(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function num(v: string | undefined): number | null {
  const t = text(v);
  if (t === null) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(t)}`);
  return n;
}

/** `"16225.0"` -> 16225. */
function int(v: string | undefined): number | null {
  const n = num(v);
  if (n === null) return null;
  if (!Number.isInteger(n)) throw new Error(`not a whole number: ${n}`);
  return n;
}

function literalList(v: string | undefined, column: string): PyValue[] {
  const t = text(v);
  if (t === null) return [];
  let parsed: PyValue;
  try {
    parsed = parsePythonLiteral(t);
  } catch (err) {
    throw new Error(`${column}: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${column}: expected a list`);
  return parsed;
}

function names(v: string | undefined, column: string): string[] {
  return literalList(v, column).flatMap((item) => (item && typeof item === 'object' && !Array.isArray(item) && typeof item.name === 'string' ? [item.name] : []));
}

function firstCode(v: string | undefined, column: string): string | null {
  for (const item of literalList(v, column)) {
    if (item && typeof item === 'object' && !Array.isArray(item) && typeof item.iso_3166_1 === 'string') return item.iso_3166_1.toLowerCase();
  }
  return null;
}
