import type { TitleRecord } from '../../src/catalog/record.ts';
import { titleWords } from '../../src/catalog/titleIndex.ts';
import type { ImportItem, ImportSource } from './types.ts';
import { vegaDemoSource } from './vegaDemo.ts';
import { SUMMARIES, type FilmSummary, type parseSummaries } from './wikipediaSummaries.ts';

export interface DemoReport {
  joined: number;
  added: number;
  leftOut: { page: string; reason: string }[];
}

/**
 * The demo catalog: vega-datasets' films, with Wikipedia's lead sections as plots where a
 * summary and a film share their title (accents and punctuation aside; or the summary's
 * name for it at home, "Shichinin no Samurai") and year (or one off,
 * when no film of the name has the very year), and the
 * other summarised films added as titles of their own. A summary without a year is not
 * joined to a film of its name by guess: it is left out. Without summaries (the package
 * could not be fetched) the demo is vega's alone. `report` hears the counts at the end.
 */
export function demoSource(summaries: ReturnType<typeof parseSummaries> | undefined, report: (r: DemoReport) => void, vega: ImportSource = vegaDemoSource()): ImportSource {
  if (!summaries) return vega;
  return {
    describe: `${vega.describe} with Wikipedia summaries (${SUMMARIES.wheel.name}==${SUMMARIES.wheel.version})`,
    async *items() {
      const items: ImportItem[] = [];
      for await (const item of vega.items()) items.push(item);
      const byTitle = new Map<string, TitleRecord[]>();
      for (const item of items) {
        if (!item.ok) continue;
        const key = nameKey(item.record.title);
        byTitle.set(key, [...(byTitle.get(key) ?? []), item.record]);
      }
      const result: DemoReport = { joined: 0, added: 0, leftOut: [...summaries.leftOut] };
      const added: TitleRecord[] = [];
      for (const film of summaries.films) {
        const byEnglishTitle = byTitle.get(nameKey(film.title));
        // vega names some films as they were released at home ("Shichinin no samurai"), under
        // the year of their US release, which often came years after the first (1954, 1956).
        const named = byEnglishTitle ?? film.otherTitles.flatMap((t) => byTitle.get(nameKey(t)) ?? []);
        const slack = byEnglishTitle ? 1 : 3;
        // Release years differ between sources by festival and country: a year or so off is the same film when no other is nearer.
        const gap = (r: TitleRecord) => (r.year === null || film.year === null ? Infinity : Math.abs(r.year - film.year));
        const nearest = Math.min(...named.map(gap));
        const sameYear = nearest <= slack ? named.filter((r) => gap(r) === nearest) : [];
        if (film.year === null && named.length) result.leftOut.push({ page: film.page, reason: 'no year to tell it from the demo’s film of that name' });
        else if (sameYear.length > 1) result.leftOut.push({ page: film.page, reason: `${sameYear.length} demo films of that name and year` });
        else if (sameYear.length === 1) {
          join(sameYear[0]!, film);
          result.joined++;
        } else {
          added.push(recordOf(film));
          result.added++;
        }
      }
      yield* items;
      for (const [i, record] of added.entries()) yield { ok: true, record, where: `summary ${i} (${record.title})` };
      report(result);
    },
  };
}

const nameKey = (title: string) => titleWords(title).join(' ');

function join(record: TitleRecord, film: FilmSummary): void {
  // Found by its name at home: the English one becomes the title, that one the original title.
  if (nameKey(record.title) !== nameKey(film.title)) [record.title, record.originalTitle] = [film.title, record.originalTitle ?? record.title];
  record.overview = film.plot;
  record.textCredit = film.credit;
  if (film.director && !record.credits.some((c) => c.job === 'Director')) record.credits.push({ name: film.director, role: 'crew', job: 'Director' });
}

/** A film only the summary knows: its title, and the year and director the text states, nothing guessed. */
function recordOf(film: FilmSummary): TitleRecord {
  return {
    type: 'movie',
    title: film.title,
    originalTitle: null,
    year: film.year,
    released: null,
    runtime: null,
    overview: film.plot,
    tagline: null,
    genres: [],
    language: null,
    country: null,
    certification: null,
    rating: null,
    votes: null,
    ids: { trakt: null, slug: null, imdb: null, tmdb: null },
    show: null,
    credits: film.director ? [{ name: film.director, role: 'crew', job: 'Director' }] : [],
    textCredit: film.credit,
  };
}
