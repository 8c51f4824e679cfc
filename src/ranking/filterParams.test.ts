import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../vectors/seededRandom.ts';
import { describeProblem, MAX_LIST_VALUES, MAX_VALUE_LENGTH, parseFilterParams, printFilterParams, type FilterParams } from './filterParams.ts';
import type { Filters } from './filters.ts';

const parseQuery = (query: string) => parseFilterParams(new URLSearchParams(query));
const only = (filters: Filters, options: Partial<FilterParams> = {}): FilterParams => ({ filters, hideFranchise: false, popularity: 0, ...options });

/** Characters a URL or a list could trip over, besides plain letters. */
const GENRE_CHARS = 'abcdefghijklmnopqrstuvwxyz-, \\%&=+#?/é漢😀"\'';

function randomParams(rand: () => number): FilterParams {
  const int = (n: number) => Math.floor(rand() * n);
  const maybe = <T>(make: () => T): T | undefined => (rand() < 0.5 ? make() : undefined);
  const alphabet = Array.from(GENRE_CHARS);
  const genre = () => {
    const chars = Array.from({ length: 1 + int(rand() < 0.9 ? 12 : MAX_VALUE_LENGTH) }, () => alphabet[int(alphabet.length)]!);
    // The cap counts UTF-16 units, as String.length does, and an emoji takes two.
    while (chars.join('').length > MAX_VALUE_LENGTH) chars.pop();
    // A valid value has no surrounding spaces: the parser trims them, as it does on the command line.
    return chars.join('').trim() || 'x';
  };
  const list = () => Array.from({ length: 1 + int(rand() < 0.9 ? 4 : MAX_LIST_VALUES) }, genre);
  const range = (): [number | undefined, number | undefined] => {
    const [a, b] = [maybe(() => int(10_000)), maybe(() => int(10_000))];
    return a === undefined && b === undefined ? [int(10_000), undefined] : [a, b];
  };
  const [yearMin, yearMax] = maybe(range) ?? [];
  const [runtimeMin, runtimeMax] = maybe(range) ?? [];
  const filters: Filters = {
    genres: maybe(list),
    excludeGenres: maybe(list),
    yearMin,
    yearMax,
    runtimeMin,
    runtimeMax,
    language: maybe(() => String.fromCharCode(97 + int(26), 97 + int(26))),
    minRating: maybe(() => (rand() < 0.5 ? int(11) : rand() * 10)),
    minVotes: maybe(() => (rand() < 0.5 ? int(1000) : int(Number.MAX_SAFE_INTEGER))),
    type: maybe(() => (rand() < 0.5 ? 'movie' : 'show')),
  };
  const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Filters;
  return { filters: defined, hideFranchise: rand() < 0.5, popularity: rand() < 0.5 ? 0 : rand() < 0.2 ? 1 : rand() };
}

describe('filter parameters', () => {
  it('reads every filter by its canonical name, the same from a URL, a command line or an HTTP query', () => {
    const expected = only(
      { genres: ['crime', 'drama'], excludeGenres: ['horror'], yearMin: 1990, yearMax: 2015, runtimeMin: 80, language: 'fr', minRating: 7.5, minVotes: 1000, type: 'show' },
      { hideFranchise: true, popularity: 0.3 },
    );
    const pairs: [string, string][] = [
      ['genre', 'crime,drama'], ['exclude-genre', 'horror'], ['year', '1990-2015'], ['runtime', '80-'], ['language', 'fr'],
      ['min-rating', '7.5'], ['min-votes', '1000'], ['type', 'show'], ['hide-franchise', ''], ['popularity', '0.3'],
    ];
    expect(parseFilterParams(pairs)).toEqual({ params: expected, problems: [] });
    expect(parseQuery(new URLSearchParams(pairs).toString())).toEqual({ params: expected, problems: [] });
  });

  it('takes one year as that year alone, as the command line always did', () => {
    expect(parseQuery('year=1999').params.filters).toEqual({ yearMin: 1999, yearMax: 1999 });
    expect(parseQuery('year=-1980&runtime=90').params.filters).toEqual({ yearMax: 1980, runtimeMin: 90, runtimeMax: 90 });
  });

  it("still reads the app's old URL names, so links shared before open the same view", () => {
    expect(parseQuery('genre=a,b&not=c&year=1990-2015&runtime=80-120&lang=fr&rating=7&votes=1000&type=movie&franchise=hide&popularity=0.3')).toEqual({
      params: only(
        { genres: ['a', 'b'], excludeGenres: ['c'], yearMin: 1990, yearMax: 2015, runtimeMin: 80, runtimeMax: 120, language: 'fr', minRating: 7, minVotes: 1000, type: 'movie' },
        { hideFranchise: true, popularity: 0.3 },
      ),
      problems: [],
    });
  });

  it('names each refused parameter as given, with what it accepts, and keeps the rest', () => {
    const { params, problems } = parseQuery('year=soon&lang=english&min-rating=11&min-votes=1.5&type=film&popularity=2&hide-franchise=maybe&genre=crime');
    expect(params).toEqual(only({ genres: ['crime'] }));
    expect(problems.map((p) => describeProblem(p, '--'))).toEqual([
      '--year must look like 1999, 1990-1999, 1990- or -1999, got "soon"',
      '--lang must be a two-letter ISO 639-1 code such as en or fr, got "english"',
      '--min-rating must be a number from 0 to 10, got "11"',
      '--min-votes must be a whole number, 0 or more, got "1.5"',
      '--type must be movie or show, got "film"',
      '--popularity must be a number from 0 to 1, got "2"',
      '--hide-franchise must be true or false (or be given without a value, meaning true), got "maybe"',
    ]);
  });

  it.each(['19999', '1990-19999', '1999 2000', '-', '1e3', '0x7CF', '19991999'])('refuses the year %j', (year) => {
    expect(parseFilterParams([['year', year]]).problems).toMatchObject([{ param: 'year', value: year }]);
  });

  it.each(['NaN', 'Infinity', '-1', '1,5', '7 stars', '+7', '0x7'])('refuses the rating %j', (rating) => {
    expect(parseFilterParams([['min-rating', rating]]).problems).toMatchObject([{ param: 'min-rating' }]);
  });

  it('checks language codes and writes them in lower case', () => {
    expect(parseQuery('language=FR').params.filters).toEqual({ language: 'fr' });
    for (const bad of ['f', 'fra', 'f1', 'fr-CA', '<script>']) expect(parseFilterParams([['language', bad]]).problems).toHaveLength(1);
  });

  it('caps lists and values, and stops reading a huge list early', () => {
    const atCap = Array.from({ length: MAX_LIST_VALUES }, (_, i) => `g${i}`);
    expect(parseFilterParams([['genre', atCap.join(',')]]).params.filters.genres).toEqual(atCap);
    const huge = Array.from({ length: 40_000 }, (_, i) => `g${i}`).join(',');
    const { params, problems } = parseFilterParams([['genre', huge], ['type', 'movie']]);
    expect(params.filters).toEqual({ type: 'movie' });
    expect(describeProblem(problems[0]!)).toMatch(/^genre must be at most 50 comma-separated values .* got "g0,g1,.*\.\.\. \(\d+ characters\)"$/);
    // Repeating the parameter adds up to the same cap.
    expect(parseFilterParams(atCap.concat('one more').map((g) => ['genre', g])).problems).toHaveLength(1);
    expect(parseFilterParams([['exclude-genre', 'x'.repeat(MAX_VALUE_LENGTH + 1)]]).problems).toHaveLength(1);
    expect(parseFilterParams([['exclude-genre', 'x'.repeat(MAX_VALUE_LENGTH)]]).problems).toEqual([]);
  });

  it('keeps a comma or a backslash inside a genre, and still splits plain lists', () => {
    const params = only({ genres: ['action, adventure', 'a\\b', 'drama'] });
    const query = new URLSearchParams(printFilterParams(params)).toString();
    expect(parseQuery(query).params).toEqual(params);
    expect(printFilterParams(params)).toEqual([['genre', 'action\\, adventure,a\\\\b,drama']]);
    expect(parseFilterParams([['genre', 'crime, drama,,']]).params.filters.genres).toEqual(['crime', 'drama']);
  });

  it('merges a repeated list, refuses a repeated single value, and ignores names that are not filters', () => {
    expect(parseQuery('genre=a&genre=b,c').params.filters.genres).toEqual(['a', 'b', 'c']);
    expect(parseQuery('year=1999&year=2000').problems).toEqual([{ param: 'year', value: '1999 and 2000', expected: 'be given once' }]);
    expect(parseQuery('lang=fr&language=de').problems).toMatchObject([{ param: 'lang', expected: 'be given once' }]);
    expect(parseQuery('text=space&k=10&__proto__=x&constructor=y&toString=z')).toEqual({ params: only({}), problems: [] });
  });

  it('takes an empty value as not given, as an empty form field', () => {
    expect(parseQuery('genre=&year=&language=&min-rating=&min-votes=&type=&popularity=')).toEqual({ params: only({}), problems: [] });
    expect(parseQuery('hide-franchise').params.hideFranchise).toBe(true);
    expect(parseQuery('hide-franchise=false').params.hideFranchise).toBe(false);
  });

  it('prints only what is set, under the canonical names', () => {
    expect(printFilterParams(only({}))).toEqual([]);
    expect(printFilterParams(only({ yearMin: 1999, yearMax: 1999, excludeGenres: ['crime'], minVotes: 0 }, { hideFranchise: true }))).toEqual([
      ['exclude-genre', 'crime'],
      ['year', '1999'],
      ['min-votes', '0'],
      ['hide-franchise', 'true'],
    ]);
  });

  it('reads back exactly what it prints, for any valid filters, through a URL too', () => {
    const rand = random(20261128);
    for (let i = 0; i < 500; i++) {
      const params = randomParams(rand);
      const printed = printFilterParams(params);
      expect(parseFilterParams(printed), JSON.stringify(params)).toEqual({ params, problems: [] });
      const url = new URL(`http://x/discover?${new URLSearchParams(printed)}`);
      expect(parseFilterParams(url.searchParams).params, url.search).toEqual(params);
    }
  });
});
