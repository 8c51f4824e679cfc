import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../cli/args.ts';
import { ROOT } from '../paths.ts';
import { createTraktClient, DEFAULT_RATE_LIMIT } from './client.ts';
import { ingest, refreshUpdated, type IngestPlan } from './ingest.ts';
import { IngestJournal, type TraktType } from './journal.ts';
import type { RateLimit } from './pacer.ts';

/** What `npm run catalog -- --source trakt` was asked to do, checked before any request. */
export interface TraktRunOptions {
  baseUrl: string | undefined;
  rateLimit: RateLimit;
  journalFile: string;
  plan: IngestPlan;
  /** Refresh what changed since this date instead of the bulk ingest. */
  updatedSince: string | undefined;
}

export interface TraktFlags {
  years?: string;
  types?: string;
  rate?: string;
  'trakt-url'?: string;
  journal?: string;
  lists?: string;
  languages?: string;
  'updated-since'?: string;
  'with-people'?: boolean;
}

export const TRAKT_FLAG_NAMES = ['years', 'types', 'rate', 'trakt-url', 'journal', 'lists', 'languages', 'updated-since', 'with-people'] as const;

export function parseTraktFlags(flags: TraktFlags, defaultJournal: string): TraktRunOptions {
  const since = flags['updated-since'];
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) throw new UsageError(`--updated-since must be a date YYYY-MM-DD, got "${since}"`);
  const languages = list(flags.languages)?.map((l) => l.toLowerCase());
  if (languages?.some((l) => !/^[a-z]{2}$/.test(l))) throw new UsageError(`--languages must be two-letter codes such as en,fr, got "${flags.languages}"`);
  return {
    baseUrl: flags['trakt-url'],
    rateLimit: parseRate(flags.rate),
    journalFile: path.resolve(flags.journal ?? defaultJournal),
    updatedSince: since,
    plan: { types: parseTypes(flags.types), years: parseYears(flags.years), limit: 250, lists: list(flags.lists), languages, withPeople: flags['with-people'] },
  };
}

/** Ingests (or refreshes) into the journal; the catalog is then built from the journal. */
export async function runTraktIngest(opts: TraktRunOptions, log: (msg: string) => void): Promise<void> {
  const client = createTraktClient({
    clientId: process.env.TRAKT_CLIENT_ID,
    baseUrl: opts.baseUrl,
    userAgent: `Marquee/${packageVersion()} (catalog build)`,
    rateLimit: opts.rateLimit,
    log: (m) => log(`trakt: ${m}`),
  });
  const journal = new IngestJournal(opts.journalFile);
  try {
    const stats = opts.updatedSince
      ? await refreshUpdated(client, journal, opts.plan.types, opts.updatedSince, opts.plan.limit, log)
      : await ingest(client, journal, opts.plan, log);
    log(
      `trakt: ${stats.items} titles from ${stats.listings} listings (${stats.pagesFetched} requests for pages now, ${stats.repaged} listings paged again` +
        `${stats.incomplete ? `, ${stats.incomplete} still incomplete: see the warnings` : ''})`,
    );
  } finally {
    journal.close();
  }
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function list(v: string | undefined): string[] | undefined {
  return v?.split(',').map((s) => s.trim()).filter(Boolean);
}

function parseYears(v: string | undefined): { from: number; to: number } {
  if (v === undefined) return { from: 1900, to: new Date().getFullYear() + 1 };
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(v.trim());
  if (!m || (m[2] && Number(m[2]) < Number(m[1]))) throw new UsageError(`--years must look like 2000-2021 or 2015, got "${v}"`);
  return { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

function parseTypes(v: string | undefined): TraktType[] {
  if (v === undefined) return ['movie', 'show'];
  const types = v.split(',').map((t) => ({ movies: 'movie', shows: 'show' })[t.trim()]);
  if (types.some((t) => !t)) throw new UsageError(`--types must be movies, shows or movies,shows, got "${v}"`);
  return types as TraktType[];
}

function parseRate(v: string | undefined): RateLimit {
  if (v === undefined) return DEFAULT_RATE_LIMIT;
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`--rate must be REQUESTS/SECONDS such as 500/300, got "${v}"`);
  return { requests: Number(m[1]), perMs: Number(m[2]) * 1000 };
}
