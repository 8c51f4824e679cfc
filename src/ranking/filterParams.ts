import type { Filters } from './filters.ts';

/**
 * The one grammar of filters for the app's URLs, the query CLI's flags and the HTTP API's
 * query string: name/value pairs in, typed filters or problems naming the parameter out,
 * and back to pairs. Callers pick how strict to be: the CLI and the API refuse a request
 * with problems, the app drops the parameters at fault so that an edited link still opens.
 * No DOM or Node APIs.
 */

/** Filters and the two ranking options that travel with them. */
export interface FilterParams {
  filters: Filters;
  /** Leave out the query title's own series. */
  hideFranchise: boolean;
  /** 0 to 1: how much votes count against similarity. */
  popularity: number;
}

/** A parameter that was refused: its name as given, its value, and what it accepts. */
export interface ParamProblem {
  param: string;
  value: string;
  /** Completes "`param` must ...": "look like 1999, 1990-1999, 1990- or -1999". */
  expected: string;
}

export interface ParsedFilterParams {
  /** Everything that parsed; a parameter with a problem is left out whole. */
  params: FilterParams;
  problems: ParamProblem[];
}

/** The canonical names, in the order they are printed. */
export const FILTER_PARAMS = ['genre', 'exclude-genre', 'year', 'runtime', 'language', 'min-rating', 'min-votes', 'type', 'hide-franchise', 'popularity'] as const;
export type FilterParamName = (typeof FILTER_PARAMS)[number];

/** At most this many values in one list: a catalog has a few dozen genres, and each value costs work per candidate. */
export const MAX_LIST_VALUES = 50;
/** At most this many characters in one list value. */
export const MAX_VALUE_LENGTH = 100;

/** One line per parameter, for `--help` and API documentation. */
export const FILTER_PARAM_HELP: Record<FilterParamName, string> = {
  genre: 'only these genres, any of them: comma-separated (a comma inside a genre is written \\,)',
  'exclude-genre': 'none of these genres: comma-separated',
  year: 'year or range: 1999, 1990-1999, 2000-, -1980',
  runtime: 'runtime in minutes or range: 90, 80-120, 80-, -120',
  language: 'original language, ISO 639-1 (en, fr)',
  'min-rating': 'minimum rating, 0-10',
  'min-votes': 'minimum number of votes',
  type: 'movie or show',
  'hide-franchise': "leave out the title's own series (sequels and the like)",
  popularity: 'how much popularity counts, 0 to 1 (default 0; for a description 0.3)',
};

/** The app's URL names before the grammar was shared; still read, so that old links open. */
const ALIASES = new Map<string, { name: FilterParamName; value?: (v: string) => string }>([
  ['not', { name: 'exclude-genre' }],
  ['lang', { name: 'language' }],
  ['rating', { name: 'min-rating' }],
  ['votes', { name: 'min-votes' }],
  // The old writer only wrote `franchise=hide`, and the old reader took anything else as off.
  ['franchise', { name: 'hide-franchise', value: (v) => (v === 'hide' ? 'true' : 'false') }],
]);
const CANONICAL = new Set<string>(FILTER_PARAMS);

/** Filters and options in one object: each parameter reads and prints some of its fields. */
type Flat = Filters & { hideFranchise?: boolean; popularity?: number };

interface ParamSpec {
  expected: string;
  /** Values of a list parameter accumulate over repeats; any other parameter may be given once. */
  list?: boolean;
  /** Every value given (one unless `list`) to fields; undefined when they do not parse. */
  parse(values: string[]): Flat | undefined;
  print(f: Flat): string | undefined;
}

const LIST_EXPECTED = `be at most ${MAX_LIST_VALUES} comma-separated values of at most ${MAX_VALUE_LENGTH} characters (a comma inside one is written \\,)`;

const SPECS: Record<FilterParamName, ParamSpec> = {
  genre: listSpec('genres'),
  'exclude-genre': listSpec('excludeGenres'),
  year: rangeSpec('yearMin', 'yearMax', 'look like 1999, 1990-1999, 1990- or -1999'),
  runtime: rangeSpec('runtimeMin', 'runtimeMax', 'look like 90, 80-120, 80- or -120 (minutes)'),
  language: {
    expected: 'be a two-letter ISO 639-1 code such as en or fr',
    parse: ([v]) => optional(v, (s) => (/^[a-z]{2}$/i.test(s) ? { language: s.toLowerCase() } : undefined)),
    print: (f) => f.language,
  },
  'min-rating': numberSpec('minRating', 'be a number from 0 to 10', 0, 10, false),
  'min-votes': numberSpec('minVotes', 'be a whole number, 0 or more', 0, Number.MAX_SAFE_INTEGER, true),
  type: {
    expected: 'be movie or show',
    parse: ([v]) => optional(v, (s) => (s === 'movie' || s === 'show' ? { type: s } : undefined)),
    print: (f) => f.type,
  },
  'hide-franchise': {
    expected: 'be true or false (or be given without a value, meaning true)',
    parse: ([v]) => {
      // Given without a value (`?hide-franchise`, a CLI switch) means on.
      const s = v!.trim();
      return s === '' || s === 'true' || s === '1' ? { hideFranchise: true } : s === 'false' || s === '0' ? { hideFranchise: false } : undefined;
    },
    print: (f) => (f.hideFranchise ? 'true' : undefined),
  },
  popularity: numberSpec('popularity', 'be a number from 0 to 1', 0, 1, false, (n) => n > 0),
};

/**
 * Filters from name/value pairs: a URLSearchParams, the CLI's flags, an HTTP query. Names
 * other than filter names (and their old aliases) are ignored, so a caller may pass all
 * its parameters. An empty value counts as not given, as an empty form field does.
 */
export function parseFilterParams(pairs: Iterable<readonly [string, string]>): ParsedFilterParams {
  const given = new Map<FilterParamName, { as: string; values: string[] }>();
  for (const [name, value] of pairs) {
    const alias = ALIASES.get(name);
    const canonical = alias?.name ?? (CANONICAL.has(name) ? (name as FilterParamName) : undefined);
    if (!canonical) continue;
    const entry = given.get(canonical) ?? { as: name, values: [] };
    entry.values.push(alias?.value ? alias.value(value) : value);
    given.set(canonical, entry);
  }
  const flat: Flat = {};
  const problems: ParamProblem[] = [];
  for (const [name, { as, values }] of given) {
    const spec = SPECS[name];
    if (!spec.list && values.length > 1) {
      problems.push({ param: as, value: values.join(' and '), expected: 'be given once' });
      continue;
    }
    const fields = spec.parse(values);
    if (fields) Object.assign(flat, fields);
    else problems.push({ param: as, value: values.join(','), expected: spec.expected });
  }
  const { hideFranchise = false, popularity = 0, ...filters } = flat;
  return { params: { filters: definedOnly(filters), hideFranchise, popularity }, problems };
}

/**
 * The canonical pairs for `p`, defaults and empty lists left out: `parseFilterParams`
 * reads them back to `p` for any filters it could have returned.
 */
export function printFilterParams(p: FilterParams): [FilterParamName, string][] {
  const flat: Flat = { ...p.filters, hideFranchise: p.hideFranchise, popularity: p.popularity };
  const pairs: [FilterParamName, string][] = [];
  for (const name of FILTER_PARAMS) {
    const value = SPECS[name].print(flat);
    if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}

/** "`prefix``param` must ..., got "..."", with a long value shortened. */
/**
 * `f` as a link would carry it: a value the grammar refuses (a year of -5, a rating of 11)
 * is dropped, so what a form shows is what a copied link or a reload shows.
 */
export function canonicalFilters(f: Filters): Filters {
  return parseFilterParams(printFilterParams({ filters: f, hideFranchise: false, popularity: 0 })).params.filters;
}

export function describeProblem(p: ParamProblem, prefix = ''): string {
  const value = p.value.length > 60 ? `${p.value.slice(0, 60)}... (${p.value.length} characters)` : p.value;
  return `${prefix}${p.param} must ${p.expected}, got "${value}"`;
}

function listSpec(field: 'genres' | 'excludeGenres'): ParamSpec {
  return {
    expected: LIST_EXPECTED,
    list: true,
    parse(values) {
      const items: string[] = [];
      for (const value of values) if (!splitList(value, items)) return undefined;
      return items.length ? { [field]: items } : {};
    },
    print(f) {
      const values = f[field];
      return values?.length ? values.map(escapeListValue).join(',') : undefined;
    },
  };
}

/**
 * Appends the comma-separated values of `text` to `into`, trimmed, empty ones skipped; `\`
 * escapes the next character, so any value survives (`sci\,fi`). False as soon as the list
 * passes the caps: 40,000 values stop at the 51st.
 */
function splitList(text: string, into: string[]): boolean {
  let current = '';
  const end = () => {
    const value = current.trim();
    current = '';
    if (value === '') return true;
    into.push(value);
    return into.length <= MAX_LIST_VALUES && value.length <= MAX_VALUE_LENGTH;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ',') {
      if (!end()) return false;
      continue;
    }
    // A trailing lone backslash stays itself.
    current += c === '\\' && i + 1 < text.length ? text[++i]! : c;
  }
  return end();
}

function escapeListValue(value: string): string {
  return value.replace(/[\\,]/g, '\\$&');
}

function rangeSpec(minField: 'yearMin' | 'runtimeMin', maxField: 'yearMax' | 'runtimeMax', expected: string): ParamSpec {
  return {
    expected,
    parse: ([v]) =>
      optional(v, (s) => {
        const m = /^(\d{1,4})?(-)?(\d{1,4})?$/.exec(s);
        // "1999" is one year; digits on both sides need the dash between them.
        if (!m || (!m[1] && !m[3]) || (!m[2] && m[3])) return undefined;
        const min = m[1] === undefined ? undefined : Number(m[1]);
        const max = m[2] ? (m[3] === undefined ? undefined : Number(m[3])) : min;
        return definedOnly({ [minField]: min, [maxField]: max });
      }),
    print(f) {
      const [min, max] = [f[minField], f[maxField]];
      if (min === undefined && max === undefined) return undefined;
      return min === max ? String(min) : `${min ?? ''}-${max ?? ''}`;
    },
  };
}

/** A plain decimal, as `String(number)` prints one (exponent included), so that printing round-trips. */
const DECIMAL = /^(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

function numberSpec(field: 'minRating' | 'minVotes' | 'popularity', expected: string, min: number, max: number, integer: boolean, printed = (_: number) => true): ParamSpec {
  return {
    expected,
    parse: ([v]) =>
      optional(v, (s) => {
        const n = DECIMAL.test(s) ? Number(s) : NaN;
        return n >= min && n <= max && (!integer || Number.isInteger(n)) ? { [field]: n } : undefined;
      }),
    print(f) {
      const n = f[field];
      return n !== undefined && printed(n) ? String(n) : undefined;
    },
  };
}

/** An empty value is no filter; anything else must parse. */
function optional(value: string | undefined, parse: (trimmed: string) => Flat | undefined): Flat | undefined {
  const s = (value ?? '').trim();
  return s === '' ? {} : parse(s);
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
