import { readFile } from 'node:fs/promises';
import { genreSlug } from '../../src/catalog/genres.ts';
import type { TitleRecord } from '../../src/catalog/record.ts';
import { ROOT } from '../paths.ts';
import type { ImportItem, ImportSource } from './types.ts';

/** One film of vega-datasets' `movies.json` (a 2010 snapshot with deliberate errors). */
interface VegaMovie {
  Title: string | number | null;
  'Release Date': string | null;
  'MPAA Rating': string | null;
  'Running Time min': number | null;
  'Major Genre': string | null;
  'Creative Type': string | null;
  Director: string | null;
  'IMDB Rating': number | null;
  'IMDB Votes': number | null;
}

// Vega's genre names that are not Trakt genres, and the creative types that are.
const GENRES: Record<string, string[]> = {
  'Black Comedy': ['comedy'],
  'Romantic Comedy': ['romance', 'comedy'],
  'Thriller/Suspense': ['thriller'],
  'Concert/Performance': ['music'],
};
const CREATIVE_TYPE_GENRES: Record<string, string[]> = {
  'Science Fiction': ['science-fiction'],
  Fantasy: ['fantasy'],
  'Super Hero': ['superhero'],
  'Kids Fiction': ['family'],
  'Historical Fiction': ['history'],
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The demo catalog that needs no data but an npm package: 3,201 films, no plots. */
// The package's `exports` hide its data files from module resolution; they are plain files.
const MOVIES_JSON = `${ROOT}/node_modules/vega-datasets/data/movies.json`;

export function vegaDemoSource(file = MOVIES_JSON): ImportSource {
  return {
    describe: 'demo (vega-datasets movies.json)',
    async *items() {
      const movies = JSON.parse(await readFile(file, 'utf8')) as VegaMovie[];
      for (const [i, m] of movies.entries()) {
        const where = `movies.json item ${i}`;
        try {
          yield { ok: true, record: toRecord(m), where } satisfies ImportItem;
        } catch (err) {
          yield { ok: false, rejection: { reason: 'malformed', where, title: m.Title === null ? null : String(m.Title), detail: (err as Error).message } };
        }
      }
    },
  };
}

export function toRecord(m: VegaMovie): TitleRecord {
  const released = parseDate(m['Release Date']);
  const genres = new Set<string>();
  const major = m['Major Genre'];
  if (major) for (const g of GENRES[major] ?? [genreSlug(major)]) genres.add(g);
  for (const g of CREATIVE_TYPE_GENRES[m['Creative Type'] ?? ''] ?? []) genres.add(g);
  const rating = m['IMDB Rating'];
  const certification = m['MPAA Rating'];
  return {
    type: 'movie',
    // Titles such as 1776 and 2012 are stored as numbers.
    title: m.Title === null ? '' : leadingArticle(String(m.Title).trim()),
    originalTitle: null,
    year: released ? Number(released.slice(0, 4)) : null,
    released,
    runtime: m['Running Time min'],
    overview: null,
    tagline: null,
    genres: [...genres],
    language: null,
    country: null,
    certification: certification && certification !== 'Not Rated' ? certification : null,
    rating,
    votes: m['IMDB Votes'],
    ids: { trakt: null, slug: null, imdb: null, tmdb: null },
    show: null,
    credits: m.Director ? [{ name: m.Director.trim(), role: 'crew', job: 'Director' }] : [],
  };
}

/** `"Jun 12 1998"` -> `"1998-06-12"`. */
function parseDate(s: string | null): string | null {
  if (!s) return null;
  const m = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4})$/.exec(s.trim());
  const month = m ? MONTHS.indexOf(m[1]!) : -1;
  if (!m || month < 0) throw new Error(`unreadable release date ${JSON.stringify(s)}`);
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** Vega files some titles library-style: `"Charge of the Light Brigade, The"` -> `"The Charge of the Light Brigade"`. */
function leadingArticle(title: string): string {
  const m = /^(.*), (The|A|An)$/.exec(title);
  return m ? `${m[2]} ${m[1]}` : title;
}
