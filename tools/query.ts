import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseTitleRef, TITLE_REF_FORMS, TitleRefError } from '../src/catalog/titleRef.ts';
import type { Engine } from '../src/engine/engine.ts';
import { describeProblem, FILTER_PARAM_HELP, FILTER_PARAMS, parseFilterParams, type FilterParams } from '../src/ranking/filterParams.ts';
import { personReason } from '../src/ranking/explain.ts';
import type { RankedTitle, SimilarOptions } from '../src/ranking/similar.ts';
import { hitJson, rankedJson } from './runtime/answers.ts';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { DEFAULT_OUT_DIR } from './paths.ts';
import { openEngine } from './runtime/nodePlatform.ts';

const FLAGS = {
  k: { type: 'string', description: 'number of results (default 20; search: 10)' },
  json: { type: 'boolean', description: 'print JSON instead of text' },
  batch: { type: 'boolean', description: 'read one query per line from stdin, print JSON lines' },
  data: { type: 'string', description: `catalog directory (default ${path.relative(process.cwd(), DEFAULT_OUT_DIR)})` },
  genre: { type: 'string', description: FILTER_PARAM_HELP.genre },
  'exclude-genre': { type: 'string', description: FILTER_PARAM_HELP['exclude-genre'] },
  year: { type: 'string', description: FILTER_PARAM_HELP.year },
  runtime: { type: 'string', description: FILTER_PARAM_HELP.runtime },
  language: { type: 'string', description: FILTER_PARAM_HELP.language },
  'min-rating': { type: 'string', description: FILTER_PARAM_HELP['min-rating'] },
  'min-votes': { type: 'string', description: FILTER_PARAM_HELP['min-votes'] },
  type: { type: 'string', description: FILTER_PARAM_HELP.type },
  'hide-franchise': { type: 'boolean', description: `similar: ${FILTER_PARAM_HELP['hide-franchise']}` },
  popularity: { type: 'string', description: FILTER_PARAM_HELP.popularity },
  help: { type: 'boolean', description: 'show this help' },
} as const;

const COMMANDS = ['similar', 'search', 'text'] as const;
type Command = (typeof COMMANDS)[number];
type Parsed = ReturnType<typeof parseArgs<typeof FLAGS>>;

runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  const help = `npm run query -- similar <title or reference> | search <title> | text "<free text>"   [flags]\n  references: ${TITLE_REF_FORMS}`;
  if (flags.help) return console.log(usage(help, FLAGS));
  const [command, ...rest] = positionals;
  if (!command || !(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`first argument must be one of ${COMMANDS.join(', ')}${command ? `, got "${command}"` : ''}`);
  if (flags.batch && rest.length) throw new UsageError('--batch reads queries from stdin; give no query on the command line');
  if (!flags.batch && rest.length === 0) throw new UsageError(`${command} needs a query`);
  const { filters, popularity, hideFranchise } = parseRanking(flags);
  const k = parseIntFlag('k', flags.k, 1, 1000) ?? (command === 'search' ? 10 : 20);
  const ranking = { filters, popularityBoost: popularity, hideOwnFranchise: hideFranchise };

  // The model loads only for free text: similar and search answer without it.
  const stages = command === 'text' ? (['catalog', 'index', 'model'] as const) : (['catalog', 'index'] as const);
  const engine = await openEngine(path.resolve(flags.data ?? DEFAULT_OUT_DIR), { stages });
  const run = (q: string) => answer(engine, command as Command, q, k, ranking);

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

type Answer = { resolved?: { key: string; title: string; year: number | null }; alternatives?: unknown[]; results: unknown[] };

async function answer(engine: Engine, command: Command, q: string, k: number, ranking: Omit<SimilarOptions, 'k'>): Promise<Answer> {
  if (!q.trim()) throw new UsageError(`${command} needs a query`);
  if (command === 'search') return { results: engine.searchTitles(q, k).map(hitJson) };
  const { filters, ...options } = ranking;
  // Unset, descriptions weigh popularity as the app does (DESCRIPTION.popularity), not at 0.
  if (command === 'text') return { results: (await engine.searchText(q, k, filters, { popularityBoost: options.popularityBoost || undefined })).map(rankedJson) };
  const { key, alternatives } = resolveTitle(engine, q);
  const self = engine.title(key)!;
  return {
    resolved: { key, title: self.title, year: self.year },
    alternatives,
    results: engine.similar(key, k, filters, options).map(rankedJson),
  };
}

/** A title reference, or the best title match; other same-titled titles are listed, not guessed away. */
function resolveTitle(engine: Engine, q: string): { key: string; alternatives: unknown[] } {
  let ref;
  try {
    ref = parseTitleRef(q);
  } catch (err) {
    if (err instanceof TitleRefError) throw new UsageError(err.message);
    throw err;
  }
  if (ref) {
    const entry = engine.title(q);
    if (!entry) throw new Error(`no title in the catalog has the reference ${q.trim()}`);
    return { key: entry.key, alternatives: [] };
  }
  const hits = engine.searchTitles(q, 10);
  if (hits.length === 0) throw new Error(`no title matches "${q}" (to name a title by id, use ${TITLE_REF_FORMS})`);
  const [best, ...others] = hits;
  const sameTitle = others.filter((h) => h.title.toLowerCase() === best!.title.toLowerCase());
  return { key: best!.key, alternatives: sameTitle.map((h) => ({ key: h.key, title: h.title, year: h.year, type: h.type })) };
}

function printText(answer: Answer): void {
  if (answer.resolved) {
    console.log(`More like ${answer.resolved.title} (${answer.resolved.year ?? '?'}) [${answer.resolved.key}]`);
    for (const alt of answer.alternatives as { key: string; title: string; year: number | null }[]) {
      console.log(`  (also: ${alt.title} (${alt.year ?? '?'}), use ${alt.key})`);
    }
  }
  if (answer.results.length === 0) console.log('no results');
  for (const [i, r] of (answer.results as Record<string, unknown>[]).entries()) {
    const why = r.why as RankedTitle['why'] | undefined;
    const year = r.year ?? '?';
    if (!why) {
      console.log(`${String(i + 1).padStart(2)}. ${r.title} (${year}, ${r.type}) [${r.key}] ${r.overviewStart ? `- ${String(r.overviewStart).slice(0, 80)}...` : ''}`);
      continue;
    }
    const reasons = [
      why.sameSeries ? 'same series' : '',
      ...why.sharedPeople.map(personReason),
      why.sharedGenres.length ? `genres: ${why.sharedGenres.join(', ')}` : '',
      why.sharedWords.length ? `words: ${why.sharedWords.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    console.log(`${String(i + 1).padStart(2)}. ${(r.score as number).toFixed(3)}  ${r.title} (${year}) [${r.key}]${reasons ? `  ${reasons}` : ''}`);
  }
}

/**
 * Filters and ranking options from the flags, in the grammar the app's URLs use
 * (src/ranking/filterParams.ts); a problem is a usage error naming its flag.
 */
function parseRanking(flags: Parsed['flags']): FilterParams {
  const given = FILTER_PARAMS.flatMap((name): [string, string][] => {
    const value = flags[name];
    // A switch such as --hide-franchise is given without a value.
    return value === undefined ? [] : [[name, value === true ? '' : String(value)]];
  });
  const { params, problems } = parseFilterParams(given);
  if (problems.length) throw new UsageError(problems.map((p) => describeProblem(p, '--')).join('; '));
  return params;
}
