import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { Credit, TitleRecord, TitleType } from '../../src/catalog/record.ts';
import { requireFile } from './sourcePath.ts';
import type { ImportItem, ImportSource } from './types.ts';

/**
 * Trakt `extended=full` movie and show objects, as a JSON array or as JSON lines. Items
 * may be bare (`{title, year, ids, ...}`) or wrapped the way search and list endpoints
 * return them (`{type: 'show', score, show: {...}}`, `{watchers, movie: {...}}`).
 */
export function traktJsonSource(file: string): ImportSource {
  return {
    describe: `json ${file}`,
    async *items() {
      const name = path.basename(file);
      await requireFile('json', file, 'one file of Trakt titles (a JSON array or JSON lines)');
      if (await startsWithBracket(file)) {
        let items: unknown;
        try {
          items = JSON.parse(withoutBom(await readFile(file, 'utf8')));
        } catch (err) {
          throw new Error(`json: ${file} starts like a JSON array but does not parse: ${(err as Error).message}`);
        }
        for (const [i, item] of (items as unknown[]).entries()) yield traktItem(item, `${name} item ${i}`);
        return;
      }
      const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (!line.trim()) continue;
        let item: unknown;
        try {
          item = JSON.parse(n === 1 ? withoutBom(line) : line);
        } catch (err) {
          yield { ok: false, rejection: { reason: 'malformed', where: `${name}:${n}`, title: null, detail: `not JSON: ${(err as Error).message}` } };
          continue;
        }
        yield traktItem(item, `${name}:${n}`);
      }
    },
  };
}

// Editors on Windows start UTF-8 files with a byte order mark, which JSON.parse refuses.
const withoutBom = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

async function startsWithBracket(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    // trimStart() also passes over a byte order mark.
    return buffer.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('[');
  } finally {
    await handle.close();
  }
}

/** One Trakt object (bare or wrapped) as an import item: a record, or the reason it is not one. */
export function traktItem(raw: unknown, where: string): ImportItem {
  try {
    return { ok: true, record: traktToRecord(raw), where };
  } catch (err) {
    const title = isObject(raw) && typeof raw.title === 'string' ? raw.title : null;
    return { ok: false, rejection: { reason: 'malformed', where, title, detail: (err as Error).message } };
  }
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One Trakt movie or show object (bare or wrapped) as a catalog record. */
export function traktToRecord(raw: unknown): TitleRecord {
  if (!isObject(raw)) throw new Error('not an object');
  let type: TitleType;
  let o: Obj;
  if (isObject(raw.movie)) [type, o] = ['movie', raw.movie];
  else if (isObject(raw.show)) [type, o] = ['show', raw.show];
  else {
    o = raw;
    type = raw.type === 'show' || 'first_aired' in raw || 'aired_episodes' in raw ? 'show' : 'movie';
  }
  const ids = isObject(o.ids) ? o.ids : null;
  if (!ids) throw new Error('no ids');
  const released = type === 'show' ? dateOnly(str(o, 'first_aired')) : str(o, 'released');
  return {
    type,
    title: str(o, 'title') ?? '',
    originalTitle: str(o, 'original_title'),
    year: num(o, 'year'),
    released,
    runtime: num(o, 'runtime'),
    overview: str(o, 'overview'),
    tagline: str(o, 'tagline'),
    genres: strList(o, 'genres'),
    language: str(o, 'language')?.toLowerCase() ?? null,
    country: str(o, 'country')?.toLowerCase() ?? null,
    certification: str(o, 'certification'),
    rating: num(o, 'rating'),
    votes: num(o, 'votes'),
    ids: { trakt: num(ids, 'trakt'), slug: str(ids, 'slug'), imdb: str(ids, 'imdb'), tmdb: num(ids, 'tmdb') },
    show: type === 'show' ? { network: str(o, 'network'), status: str(o, 'status'), airedEpisodes: num(o, 'aired_episodes') } : null,
    credits: isObject(raw.people) ? peopleToCredits(raw.people) : [],
  };
}

/**
 * Trakt's `/movies/{id}/people`: `{cast: [{characters, person}], crew: {directing: [{jobs, person}], ...}}`.
 * Directors and writers come first among the crew: they say most about what a film is.
 */
function peopleToCredits(people: Obj): Credit[] {
  const name = (entry: unknown) => (isObject(entry) && isObject(entry.person) && typeof entry.person.name === 'string' ? entry.person.name.trim() : '');
  const first = (entry: unknown, key: string) => (isObject(entry) && Array.isArray(entry[key]) && typeof entry[key][0] === 'string' ? (entry[key][0] as string) : null);
  const cast: Credit[] = (Array.isArray(people.cast) ? people.cast : []).map((c) => ({ name: name(c), role: 'cast' as const, job: first(c, 'characters') }));
  const departments = isObject(people.crew) ? people.crew : {};
  const order = ['directing', 'writing', ...Object.keys(departments).filter((d) => d !== 'directing' && d !== 'writing')];
  const crew: Credit[] = order.flatMap((d) => (Array.isArray(departments[d]) ? departments[d] : []).map((c) => ({ name: name(c), role: 'crew' as const, job: first(c, 'jobs') })));
  return [...cast, ...crew].filter((c) => c.name);
}

function str(o: Obj, key: string): string | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`${key} is ${typeof v}, expected a string`);
  return v.trim() || null;
}

function num(o: Obj, key: string): number | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${key} is ${JSON.stringify(v)}, expected a number`);
  return v;
}

function strList(o: Obj, key: string): string[] {
  const v = o[key];
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${key} is not a list of strings`);
  return v as string[];
}

function dateOnly(s: string | null): string | null {
  return s ? s.slice(0, 10) : null;
}
