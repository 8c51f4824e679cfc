import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { HistoryItem } from './historyItem.ts';
import { MAX_IMPORT_BYTES, readHistoryFiles, type NamedBytes } from './readHistoryFiles.ts';

const DIR = path.join(import.meta.dirname, '../../tools/fixtures/history');
const file = (name: string): NamedBytes => ({ name: path.basename(name), bytes: new Uint8Array(readFileSync(path.join(DIR, name))) });
const LETTERBOXD = ['watched.csv', 'ratings.csv', 'diary.csv', 'watchlist.csv', 'likes/films.csv'];
const letterboxdZip = (): NamedBytes => ({
  name: 'letterboxd-someone-2023-08-01-10-00-utc.zip',
  bytes: zipSync(Object.fromEntries([...LETTERBOXD.map((f) => [f, file(`letterboxd/${f}`).bytes]), ['profile.csv', new TextEncoder().encode('Username\nsomeone\n')]])),
});
const byTitle = (items: HistoryItem[]) => Object.fromEntries(items.map((i) => [i.title, i]));

describe('a Letterboxd export', () => {
  it('merges its CSVs into one item per film, from the ZIP', () => {
    const [read] = readHistoryFiles([letterboxdZip()]);
    expect(read!.source).toBe('letterboxd');
    const films = byTitle(read!.items);
    expect(Object.keys(films).sort()).toEqual(['Alien', 'Amélie', 'Crouching Tiger, Hidden Dragon', 'Inception', 'King Kong', 'Memento', 'Psycho', 'Spirited Away', 'The Prestige', 'Titanic']);
    // Half stars doubled to a 10-point scale; ratings.csv's current rating beats the diary's.
    expect(films['Inception']).toMatchObject({ year: 2010, type: 'movie', rating: 9, seen: true, liked: false });
    expect(films['Titanic']!.rating).toBe(5);
    // Rated only in the diary: its entry's rating; dated by its latest entry in any file.
    expect(films['Memento']).toMatchObject({ rating: 8, seen: true, at: Date.parse('2023-03-01T00:00:00Z') });
    // Hearted: liked (and seen) without a rating.
    expect(films['Spirited Away']).toMatchObject({ liked: true, seen: true, rating: null });
    expect(films['King Kong']).toMatchObject({ year: null, rating: null });
    expect(films['Alien']).toMatchObject({ seen: false, listed: 'watchlist' });
  });

  it('reads loose CSVs the same as the ZIP, and reports the formula row it refused', () => {
    // A browser's file picker gives names without folders: likes/films.csv comes as films.csv.
    const [loose] = readHistoryFiles(LETTERBOXD.map((f) => file(`letterboxd/${f}`)));
    const [zipped] = readHistoryFiles([letterboxdZip()]);
    expect(loose!.items).toEqual(zipped!.items);
    expect(zipped!.skipped).toEqual([{ where: 'watched.csv:11', reason: 'the title looks like a spreadsheet formula' }]);
  });

  it('refuses a ZIP without its CSVs, and a ZIP that would unpack past the limit', () => {
    const other = { name: 'photos.zip', bytes: zipSync({ 'a.txt': new Uint8Array(10), 'deleted/watched.csv': new Uint8Array(10) }) };
    expect(() => readHistoryFiles([other])).toThrow("photos.zip holds none of Letterboxd's CSVs");
    const bomb = { name: 'big.zip', bytes: zipSync({ 'watched.csv': new Uint8Array(MAX_IMPORT_BYTES + 1) }, { level: 9 }) };
    expect(bomb.bytes.length).toBeLessThan(1 << 20);
    expect(() => readHistoryFiles([bomb])).toThrow('big.zip unpacks to more than 30.0 MB');
  });
});

describe('an IMDb export', () => {
  it('reads ratings with their type, original title and date; leaves out episodes and bad ratings, saying why', () => {
    const [read] = readHistoryFiles([file('imdb-ratings.csv')]);
    expect(read!.describe).toBe('IMDb ratings export (imdb-ratings.csv)');
    const titles = byTitle(read!.items);
    expect(titles['Spirited Away']).toMatchObject({ originalTitle: 'Sen to Chihiro no kamikakushi', year: 2001, type: 'movie', ids: { imdb: 'tt0245429' }, rating: 8, seen: true, at: Date.parse('2022-11-22T00:00:00Z') });
    expect(titles['Breaking Bad']).toMatchObject({ type: 'show', rating: 10 });
    expect(titles['The Prestige']!.originalTitle).toBeUndefined();
    expect(read!.skipped).toEqual([
      { where: 'imdb-ratings.csv:8', reason: 'a tv episode, not a movie or show' },
      { where: 'imdb-ratings.csv:9', reason: '"11" is not an IMDb rating (1 to 10)' },
    ]);
  });

  it('reads a list without ratings as listed titles, and a watchlist as a watchlist', () => {
    const [list] = readHistoryFiles([file('imdb-list.csv')]);
    expect(list!.items.map((i) => [i.title, i.listed, i.seen])).toEqual([
      ['Memento', 'list', false],
      ['Se7en', 'list', false],
      ['Alien', 'list', false],
    ]);
    const [watchlist] = readHistoryFiles([{ ...file('imdb-list.csv'), name: 'WATCHLIST.csv' }]);
    expect(watchlist!.items.every((i) => i.listed === 'watchlist')).toBe(true);
  });
});

describe('a Trakt export', () => {
  it('merges history, ratings and watchlist by Trakt id; an episode counts for its show, its rating for nothing', () => {
    const [read] = readHistoryFiles(['trakt-history.json', 'trakt-ratings.json', 'trakt-watchlist.json'].map(file));
    const titles = byTitle(read!.items);
    expect(titles['Inception']).toMatchObject({ type: 'movie', ids: { trakt: 16662, imdb: 'tt1375666', tmdb: 27205 }, rating: 9, seen: true });
    expect(titles['Breaking Bad']).toMatchObject({ type: 'show', ids: { trakt: 1388, imdb: 'tt0903747', tmdb: 1396 }, rating: null, seen: true });
    expect(titles['Alien']).toMatchObject({ seen: false, listed: 'watchlist' });
    expect(read!.skipped).toEqual([
      { where: 'trakt-ratings.json #2', reason: 'rates an episode, not a movie or show' },
      { where: 'trakt-ratings.json #3', reason: '"12" is not a Trakt rating (1 to 10)' },
    ]);
  });

  it('refuses JSON that holds no list of movies or shows', () => {
    expect(() => readHistoryFiles([{ name: 'settings.json', bytes: new TextEncoder().encode('{"theme": "dark"}') }])).toThrow('settings.json is JSON but not a Trakt export');
    expect(() => readHistoryFiles([{ name: 'broken.json', bytes: new TextEncoder().encode('[{"movie": ') }])).toThrow(/broken\.json is not valid JSON/);
  });
});

describe('files that are no export', () => {
  it('names what was expected', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(() => readHistoryFiles([{ name: 'budget.csv', bytes: bytes('Month,Amount\nJan,10\n') }])).toThrow("budget.csv is not a Letterboxd or IMDb export: its columns are not Letterboxd's (Date, Name, Year, Letterboxd URI) nor IMDb's");
    expect(() => readHistoryFiles([{ name: 'cut.csv', bytes: bytes('Date,Name,Year,Letterboxd URI\n2023-01-01,"Open quote,2001,x\n') }])).toThrow('Letterboxd export: a quoted cell that starts on line 2 is never closed');
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(() => readHistoryFiles([{ name: 'noise.bin', bytes: garbage }])).toThrow('noise.bin is not a text file (CSV or JSON) nor a ZIP');
    expect(() => readHistoryFiles([{ name: 'huge.csv', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) }])).toThrow('huge.csv: 30.0 MB, larger than any history export (the limit is 30.0 MB)');
  });
});
