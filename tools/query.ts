import path from 'node:path';
import { createInterface } from 'node:readline';
import { genreSlug } from '../src/catalog/genres.ts';
import { resolveRef } from '../src/catalog/resolveRef.ts';
import type { Filters } from '../src/ranking/filters.ts';
import { rankByVector, similarTo, type RankedTitle, type SimilarOptions } from '../src/ranking/similar.ts';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { DEFAULT_OUT_DIR } from './paths.ts';
import { loadArtifacts, type Artifacts } from './query/loadArtifacts.ts';

const FLAGS = {
  k: { type: 'string', description: 'number of results (default 20; search: 10)' },
  json: { type: 'boolean', description: 'print JSON instead of text' },
  batch: { type: 'boolean', description: 'read one query per line from stdin, print JSON lines' },
  data: { type: 'string', description: `catalog directory (default ${path.relative(process.cwd(), DEFAULT_OUT_DIR)})` },
  genre: { type: 'string', description: 'only these genres (comma-separated slugs, any of them)' },
  'exclude-genre': { type: 'string', description: 'none of these genres (comma-separated)' },
  year: { type: 'string', description: 'year or range: 1999, 1990-1999, 2000-, -1980' },
  runtime: { type: 'string', description: 'runtime range in minutes: 80-120' },
  language: { type: 'string', description: 'original language (ISO 639-1, e.g. en)' },
  'min-rating': { type: 'string', description: 'minimum rating 0-10' },
  'min-votes': { type: 'string', description: 'minimum number of votes' },
  type: { type: 'string', description: 'movie or show' },
  'hide-franchise': { type: 'boolean', description: 'similar: leave out the title\'s own series (sequels and the like)' },
  popularity: { type: 'string', description: 'how much popularity counts, 0 (default) to 1' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

const COMMANDS = ['similar', 'search', 'text'] as const;
type Command = (typeof COMMANDS)[number];
type Parsed = ReturnType<typeof parseArgs<typeof FLAGS>>;

runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  const help = 'npm run query -- similar <title or id> | search <title> | text "<free text>"   [flags]\n  ids: trakt:N, tmdb:N, imdb:ttN or the catalog id';
  if (flags.help) return console.log(usage(help, FLAGS));
  const [command, ...rest] = positionals;
  if (!command || !(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`first argument must be one of ${COMMANDS.join(', ')}${command ? `, got "${command}"` : ''}`);
  if (flags.batch && rest.length) throw new UsageError('--batch reads queries from stdin; give no query on the command line');
  if (!flags.batch && rest.length === 0) throw new UsageError(`${command} needs a query`);
  const filters = parseFilters(flags);
  const k = parseIntFlag('k', flags.k, 1, 1000) ?? (command === 'search' ? 10 : 20);
  const popularityBoost = flags.popularity === undefined ? undefined : Number(flags.popularity);
  if (popularityBoost !== undefined && !(popularityBoost >= 0 && popularityBoost <= 1)) throw new UsageError(`--popularity must be a number from 0 to 1, got "${flags.popularity}"`);
  const ranking = { filters, popularityBoost, hideOwnFranchise: flags['hide-franchise'] };

  const artifacts = await loadArtifacts(path.resolve(flags.data ?? DEFAULT_OUT_DIR));
  const run = (q: string) => answer(artifacts, command as Command, q, k, ranking);

  if (flags.batch) {
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      const q = line.trim();
      if (!q) continue;
      try {
        console.log(JSON.stringify({ query: q, ...(await run(q)) }));
      } catch (err) {
        console.log(JSON.stringify({ query: q, error: (err as Error).message }));
      }
    }
    return;
  }
  const result = await run(rest.join(' '));
  if (flags.json) console.log(JSON.stringify(result, null, 2));
  else printText(result);
});

type Answer = { resolved?: { id: number; title: string; year: number | null }; alternatives?: unknown[]; results: unknown[] };

async function answer(a: Artifacts, command: Command, q: string, k: number, ranking: Omit<SimilarOptions, 'k'>): Promise<Answer> {
  if (!q.trim()) throw new UsageError(`${command} needs a query`);
  if (command === 'search') return { results: a.searchTitles(q, k) };
  if (command === 'text') {
    const [vector] = await (await a.embedder()).embed([q]);
    const { hideOwnFranchise: _, ...options } = ranking;
    return { results: rankByVector(a.vectors, a.catalog, vector!, { k, ...options, about: { text: q, genres: [] } }).map(toResult) };
  }
  const { id, alternatives } = resolveTitle(a, q);
  const self = a.catalog.entry(id)!;
  return {
    resolved: { id, title: self.title, year: self.year },
    alternatives,
    results: similarTo(a.vectors, a.catalog, id, { k, ...ranking }).map(toResult),
  };
}

/** An id reference, or the best title match; other same-titled titles are listed, not guessed away. */
function resolveTitle(a: Artifacts, q: string): { id: number; alternatives: unknown[] } {
  const ref = resolveRef(a.db, q);
  if (ref !== null) {
    if (ref === undefined) throw new Error(`no title in the catalog has id ${q}`);
    return { id: ref, alternatives: [] };
  }
  const hits = a.searchTitles(q, 10);
  if (hits.length === 0) throw new Error(`no title matches "${q}"`);
  const [best, ...others] = hits;
  const sameTitle = others.filter((h) => h.title.toLowerCase() === best!.title.toLowerCase());
  return { id: best!.id, alternatives: sameTitle.map((h) => ({ id: h.id, title: h.title, year: h.year, type: h.type })) };
}

function toResult(r: RankedTitle) {
  const e = r.entry;
  return {
    id: e.id,
    title: e.title,
    year: e.year,
    type: e.type,
    genres: e.genres,
    rating: e.rating,
    votes: e.votes,
    ids: e.ids,
    score: Math.round(r.score * 10000) / 10000,
    why: r.why,
  };
}

function printText(answer: Answer): void {
  if (answer.resolved) {
    console.log(`More like ${answer.resolved.title} (${answer.resolved.year ?? '?'}) [id ${answer.resolved.id}]`);
    for (const alt of answer.alternatives as { id: number; title: string; year: number | null }[]) {
      console.log(`  (also: ${alt.title} (${alt.year ?? '?'}), use id ${alt.id})`);
    }
  }
  if (answer.results.length === 0) console.log('no results');
  for (const [i, r] of (answer.results as Record<string, unknown>[]).entries()) {
    const why = r.why as RankedTitle['why'] | undefined;
    const year = r.year ?? '?';
    if (!why) {
      console.log(`${String(i + 1).padStart(2)}. ${r.title} (${year}, ${r.type}) [id ${r.id}] ${r.overviewStart ? `- ${String(r.overviewStart).slice(0, 80)}...` : ''}`);
      continue;
    }
    const reasons = [why.sharedGenres.length ? `genres: ${why.sharedGenres.join(', ')}` : '', why.sharedWords.length ? `words: ${why.sharedWords.join(', ')}` : ''].filter(Boolean).join('; ');
    console.log(`${String(i + 1).padStart(2)}. ${(r.score as number).toFixed(3)}  ${r.title} (${year}) [id ${r.id}]${reasons ? `  ${reasons}` : ''}`);
  }
}

function parseFilters(flags: Parsed['flags']): Filters {
  const list = (v: string | undefined) => v?.split(',').map(genreSlug).filter(Boolean);
  const range = (name: string, v: string | undefined): [number | undefined, number | undefined] => {
    if (v === undefined) return [undefined, undefined];
    const m = /^(\d+)?(-)?(\d+)?$/.exec(v.trim());
    if (!m || (!m[1] && !m[3])) throw new UsageError(`--${name} must look like 1999, 1990-1999, 1990- or -1999, got "${v}"`);
    return m[2] ? [m[1] ? Number(m[1]) : undefined, m[3] ? Number(m[3]) : undefined] : [Number(m[1]), Number(m[1])];
  };
  const [yearMin, yearMax] = range('year', flags.year);
  const [runtimeMin, runtimeMax] = range('runtime', flags.runtime);
  const minRating = flags['min-rating'] === undefined ? undefined : Number(flags['min-rating']);
  if (minRating !== undefined && !(minRating >= 0 && minRating <= 10)) throw new UsageError(`--min-rating must be a number from 0 to 10, got "${flags['min-rating']}"`);
  const type = flags.type;
  if (type !== undefined && type !== 'movie' && type !== 'show') throw new UsageError(`--type must be movie or show, got "${type}"`);
  return {
    genres: list(flags.genre),
    excludeGenres: list(flags['exclude-genre']),
    yearMin,
    yearMax,
    runtimeMin,
    runtimeMax,
    language: flags.language?.toLowerCase(),
    minRating,
    minVotes: parseIntFlag('min-votes', flags['min-votes'], 0),
    type,
  };
}
