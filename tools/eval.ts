import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../src/engine/engine.ts';
import { parseArgs, runCli, usage, UsageError } from './cli/args.ts';
import { K, scoreSimilar, scoreText, type SimilarCase, type TextCase } from './eval/metrics.ts';
import { CACHE_DIR, ROOT } from './paths.ts';
import { openEngine } from './runtime/nodePlatform.ts';

const DEFAULT_DATA = path.join(CACHE_DIR, 'tmdb60k');
const DEFAULT_LABELS = path.join(ROOT, '..', 'shared', 'data', 'tmdb-2000-2021', 'collections-dev.json');
const DESCRIPTIONS = path.join(ROOT, 'tools', 'eval', 'descriptions.json');

const FLAGS = {
  data: { type: 'string', description: `a built catalog of the TMDB export (default ${path.relative(process.cwd(), DEFAULT_DATA)})` },
  labels: { type: 'string', description: 'TMDB collections by TMDB id (default ../shared/data/tmdb-2000-2021/collections-dev.json)' },
  json: { type: 'boolean', description: 'print one JSON object' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

/**
 * The quality benchmark: "more like this" scored against TMDB collections (franchise
 * recall@10 and genre Jaccard@10, with and without hiding the title's own series), and free
 * text scored on films described in plain words (recall@1, recall@10, MRR@10). It runs the
 * engine the worker runs, with the app's query vectors (tools/model/appModel.ts), on a built
 * catalog; the labels are read here and nowhere else.
 */
runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run eval -- [--data DIR] [--labels FILE] [--json]', FLAGS));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const dataDir = path.resolve(flags.data ?? DEFAULT_DATA);
  const labelsFile = path.resolve(flags.labels ?? DEFAULT_LABELS);
  const labels = await readLabels(labelsFile);
  const { descriptions } = JSON.parse(await readFile(DESCRIPTIONS, 'utf8')) as { descriptions: Description[] };

  const t0 = performance.now();
  const engine = await openEngine(dataDir, { stages: ['catalog', 'index', 'model'] });
  const info = engine.catalogInfo()!;
  const series = seriesInCatalog(engine, labels);
  const similar = (hideOwnFranchise: boolean) => scoreSimilar(series.map((s) => similarCase(engine, s, hideOwnFranchise)));
  const texts = await textCases(engine, descriptions);
  const report = {
    catalog: { version: info.version, titles: info.titles, source: info.source },
    labels: { file: path.basename(labelsFile), titles: Object.keys(labels).length, inCatalog: series.length },
    similar: similar(false),
    similarHidingOwnFranchise: similar(true),
    freeText: { ...scoreText(texts), missed: texts.filter((t) => t.rank === null || t.rank > 1).map((t) => ({ title: t.title, rank: t.rank })) },
    seconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  if (flags.json) return console.log(JSON.stringify(report));
  console.log(`catalog ${report.catalog.version} (${report.catalog.titles} titles); ${report.labels.inCatalog} labelled titles in it, ${report.similar.queries} with series mates`);
  console.log(`similar: franchise recall@${K} ${report.similar.franchiseRecallAt10}, genre Jaccard@${K} ${report.similar.genreJaccardAt10}`);
  console.log(`similar, own series hidden: franchise recall@${K} ${report.similarHidingOwnFranchise.franchiseRecallAt10}, genre Jaccard@${K} ${report.similarHidingOwnFranchise.genreJaccardAt10}`);
  console.log(`free text (${report.freeText.queries} descriptions): recall@1 ${report.freeText.recallAt1}, recall@${K} ${report.freeText.recallAt10}, MRR@${K} ${report.freeText.mrrAt10}`);
  for (const m of report.freeText.missed) console.log(`  ${m.title}: ${m.rank === null ? `not in the top ${K}` : `#${m.rank}`}`);
  console.log(`${report.seconds} s`);
});

interface Description {
  title: string;
  year: number;
  text: string;
}

async function readLabels(file: string): Promise<Record<string, { collection: string }>> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'ENOENT' ? `no labels at ${file}: the quality benchmark needs the TMDB export's collections-dev.json (or pass --labels FILE)` : `${file}: ${err.message}`);
  });
  try {
    return JSON.parse(text) as Record<string, { collection: string }>;
  } catch {
    throw new Error(`${file} is not JSON`);
  }
}

/** Each labelled title the catalog holds, with the keys of its series mates there: the "more like this" queries. */
function seriesInCatalog(engine: Engine, labels: Record<string, { collection: string }>): { key: string; genres: string[]; mates: Set<string> }[] {
  const byCollection = new Map<string, { key: string; genres: string[] }[]>();
  for (const [tmdb, { collection }] of Object.entries(labels)) {
    const entry = /^\d+$/.test(tmdb) ? engine.title(`tmdb:${tmdb}`) : undefined;
    if (!entry) continue;
    const members = byCollection.get(collection) ?? [];
    members.push({ key: entry.key, genres: entry.genres });
    byCollection.set(collection, members);
  }
  return [...byCollection.values()].flatMap((members) => members.map((m) => ({ ...m, mates: new Set(members.filter((o) => o.key !== m.key).map((o) => o.key)) })));
}

function similarCase(engine: Engine, query: { key: string; genres: string[]; mates: Set<string> }, hideOwnFranchise: boolean): SimilarCase {
  const results = engine.similar(query.key, K, {}, { hideOwnFranchise }).map((r) => ({ key: r.entry.key, genres: r.entry.genres }));
  return { genres: query.genres, mates: query.mates, results };
}

/** Where each described film comes in free-text search; a film the catalog lacks is an error, not a miss. */
async function textCases(engine: Engine, descriptions: Description[]): Promise<(TextCase & { title: string })[]> {
  const { db } = engine.rankingInputs().catalog;
  const cases: (TextCase & { title: string })[] = [];
  for (const d of descriptions) {
    const key = db.exec('SELECT key FROM titles WHERE title = ? AND year = ?', [d.title, d.year])[0]?.values[0]?.[0];
    if (typeof key !== 'string') throw new Error(`the catalog has no "${d.title}" (${d.year}), described in ${path.relative(process.cwd(), DESCRIPTIONS)}`);
    const results = await engine.searchText(d.text, K);
    const at = results.findIndex((r) => r.entry.key === key);
    cases.push({ title: `${d.title} (${d.year})`, rank: at === -1 ? null : at + 1 });
  }
  return cases;
}
