import { readFileSync } from 'node:fs';
import type { TitleRecord } from '../../../src/catalog/record.ts';
import { tmdbCsvSource } from '../../importers/tmdbCsv.ts';
import { traktToRecord } from '../../importers/traktJson.ts';
import { validateAll } from '../../importers/validate.ts';
import { recordToTraktMovie, slugify, type TraktMovie, type TraktShow } from '../../trakt/shapes.ts';
import { FIXTURE_JSONL } from '../fixtureCatalog.ts';

/** The fixture's shows, in Trakt's `extended=full` show shape. */
export function fixtureShows(): TraktShow[] {
  return readFileSync(FIXTURE_JSONL, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"type": "show"'))
    .map((l) => (JSON.parse(l) as { show: TraktShow }).show);
}

/** Movies with varied fields (accents, nulls, floats), `perYear` for each year. */
export function syntheticMovies(years: number[], perYear: number): TraktMovie[] {
  let trakt = 1;
  return years.flatMap((year) =>
    Array.from({ length: perYear }, (_, i) => {
      const record: TitleRecord = {
        type: 'movie', title: i % 7 === 0 ? `Amélie ${year}-${i}` : `Movie ${year}-${i}`, originalTitle: null, year, released: `${year}-03-${String((i % 28) + 1).padStart(2, '0')}`,
        runtime: i % 5 === 0 ? null : 80 + (i % 60), overview: `A story number ${i} of ${year}.`, tagline: i % 3 ? null : 'A tagline.', genres: i % 2 ? ['drama'] : ['comedy', 'science-fiction'],
        language: 'en', country: 'us', certification: null, rating: i % 4 ? 5 + (i % 50) / 10.3 : null, votes: i * 3, ids: { trakt: null, slug: null, imdb: `tt${year}${i}`, tmdb: year * 1000 + i }, show: null, credits: [],
      };
      return recordToTraktMovie(record, trakt++);
    }),
  );
}

/** The 60k TMDB export as Trakt would serve it. Trakt always has a year: where TMDB has no release date, the fake uses the export file's year. */
export async function tmdbAsTrakt(dir: string): Promise<TraktMovie[]> {
  const movies: TraktMovie[] = [];
  const { accepted } = await validateAll(withFileYear(tmdbCsvSource(dir).items()));
  accepted.forEach((r, i) => movies.push(recordToTraktMovie(r, i + 1)));
  return movies;
}

async function* withFileYear(items: ReturnType<ReturnType<typeof tmdbCsvSource>['items']>) {
  for await (const item of items) {
    if (item.ok && item.record.year === null) {
      const fileYear = /_(\d{4})\.csv/.exec(item.where)?.[1];
      if (fileYear) item.record.year = Number(fileYear);
    }
    yield item;
  }
}

/** What the catalog should hold for a served title: the importer's reading of it, with the Trakt id and slug. */
export function expectedRecord(m: TraktMovie | TraktShow, type: 'movie' | 'show'): TitleRecord {
  const r = traktToRecord({ [type]: m });
  return { ...r, ids: { ...r.ids, slug: m.ids.slug ?? slugify(m.title, m.year) } };
}
