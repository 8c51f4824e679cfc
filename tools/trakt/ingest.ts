import { formatDuration } from '../cli/progress.ts';
import type { TraktClient } from './client.ts';
import type { IngestJournal, TraktObject, TraktType } from './journal.ts';

export interface IngestPlan {
  types: TraktType[];
  years: { from: number; to: number };
  /** Items per page; Trakt clamps anything above 250 without saying so. */
  limit: number;
  /** Search text; none (sent as an empty `query=`) with the year filter enumerates the year. */
  query?: string;
  /** Two-letter languages to keep (Trakt's `languages` filter), e.g. `['en', 'fr']`. */
  languages?: string[];
  /** List endpoints to take in full as well, e.g. `popular`, `trending` (`/movies/popular`, ...). */
  lists?: string[];
  /** Also fetch each title's cast and crew (`/movies/{id}/people`), one request per title. */
  withPeople?: boolean;
}

export interface IngestStats {
  listings: number;
  pagesFetched: number;
  /** Listings paged again because they shifted while being paged. */
  repaged: number;
  /** Listings still short of their item count after MAX_PASSES (warned about; what they gave is kept). */
  incomplete: number;
  items: number;
}

/** How often a listing may be paged again before the ingest gives up on it. */
const MAX_PASSES = 3;

interface Listing {
  job: string;
  type: TraktType;
  path: string;
  query: Record<string, string | number | undefined>;
  /** False for feeds that name titles without their full record (the updates feed). */
  keep: boolean;
}

/**
 * Bulk ingestion: `/search/{movie,show}?query=&years=Y&extended=full`, one listing per type
 * and year, then any list endpoints asked for. Pages already in the journal are never
 * fetched again.
 */
export async function ingest(client: TraktClient, journal: IngestJournal, plan: IngestPlan, log: (msg: string) => void): Promise<IngestStats> {
  const listings: Listing[] = [
    ...plan.types.flatMap((type) =>
      range(plan.years.from, plan.years.to).map((year) => ({
        job: `search/${type}?years=${year}${plan.query ? `&query=${plan.query}` : ''}${plan.languages?.length ? `&languages=${plan.languages.join(',')}` : ''}`,
        type,
        path: `/search/${type}`,
        // `/search` is a text search: the only requests known to have returned Trakt's whole
        // catalog sent `query=` empty with these filters, so it is always sent. The job key
        // leaves an empty query out, as it always has, so existing journals resume.
        query: { query: plan.query ?? '', years: year, languages: plan.languages?.join(','), extended: 'full', limit: plan.limit },
        keep: true,
      })),
    ),
    ...plan.types.flatMap((type) => (plan.lists ?? []).map((list) => ({ job: `${type}s/${list}`, type, path: `/${type}s/${list}`, query: { extended: 'full', limit: plan.limit }, keep: true }))),
  ];
  const stats = await pageAll(client, journal, listings, log);
  if (plan.withPeople) stats.pagesFetched += await fetchPeople(client, journal, log);
  return stats;
}

/** Cast and crew for every title that has none yet; returns the requests made. */
async function fetchPeople(client: TraktClient, journal: IngestJournal, log: (msg: string) => void): Promise<number> {
  const missing = journal.all().filter(({ type, item }) => !journal.hasPeople(type, item.ids.trakt));
  for (const [n, { type, item }] of missing.entries()) {
    const res = await client.get<unknown>(`/${type}s/${item.ids.trakt}/people`);
    journal.recordPeople(type, item.ids.trakt, res.data);
    if ((n + 1) % 500 === 0 || n + 1 === missing.length) log(`trakt: people for ${n + 1}/${missing.length} titles`);
  }
  return missing.length;
}

/**
 * Incremental refresh: the titles Trakt lists as updated since `since` (YYYY-MM-DD; Trakt
 * serves at most the last 30 days), each fetched again with `/movies/{id}?extended=full`.
 */
export async function refreshUpdated(client: TraktClient, journal: IngestJournal, types: TraktType[], since: string, limit: number, log: (msg: string) => void): Promise<IngestStats> {
  const feeds: Listing[] = types.map((type) => ({ job: `${type}s/updates/${since}`, type, path: `/${type}s/updates/${since}`, query: { limit }, keep: false }));
  const stats = await pageAll(client, journal, feeds, log);
  for (const feed of feeds) {
    for (const key of journal.seen(feed.job)) {
      const id = key.slice(key.indexOf(':') + 1);
      const job = `${feed.type}s/${id}@${since}`;
      if (journal.isDone(job)) continue;
      const res = await client.get<TraktObject>(`/${feed.type}s/${id}`, { extended: 'full' });
      journal.recordPage(job, feed.type, 1, 1, 1, [res.data]);
      journal.markDone(job);
      stats.pagesFetched++;
    }
    log(`trakt: ${journal.seen(feed.job).size} ${feed.type}s updated since ${since} fetched again`);
  }
  stats.items = journal.size;
  return stats;
}

/**
 * Pages through each listing, resuming at the first page the journal lacks. A listing
 * that changed while it was paged (fewer distinct titles than its item count: one moved
 * across a page boundary) is paged again.
 */
async function pageAll(client: TraktClient, journal: IngestJournal, listings: Listing[], log: (msg: string) => void): Promise<IngestStats> {
  const stats: IngestStats = { listings: listings.length, pagesFetched: 0, repaged: 0, incomplete: 0, items: 0 };
  const started = Date.now();

  for (const [n, l] of listings.entries()) {
    for (let pass = 1; !journal.isDone(l.job); pass++) {
      for (let page = 1; page <= (journal.listingSize(l.job)?.pageCount ?? 1); page++) {
        if (journal.hasPage(l.job, page)) continue;
        const res = await client.get<unknown[]>(l.path, { ...l.query, page });
        const size = res.page ?? { pageCount: 1, itemCount: Array.isArray(res.data) ? res.data.length : 0 };
        const { items, unusable } = unwrap(res.data, l.type, l.path);
        if (unusable) log(`trakt: ${l.job} page ${page}: ${unusable} item(s) without a Trakt id skipped`);
        journal.recordPage(l.job, l.type, page, size.pageCount, size.itemCount, items, l.keep, unusable);
        stats.pagesFetched++;
      }
      const expected = journal.listingSize(l.job)?.itemCount ?? 0;
      const seen = journal.seen(l.job).size + journal.skipped(l.job);
      if (seen >= expected) journal.markDone(l.job);
      else if (pass >= MAX_PASSES) {
        // Lists such as trending change by the minute; keep what they gave rather than stop the ingest.
        log(`trakt: warning: ${l.job} still gave ${seen} of ${expected} titles after ${pass} passes; keeping those`);
        stats.incomplete++;
        journal.markDone(l.job);
      } else {
        log(`trakt: ${l.job} changed while paging (${seen} of ${expected} titles), paging it again`);
        stats.repaged++;
        journal.reset(l.job);
      }
    }
    const minutes = (Date.now() - started) / 60_000;
    const perListing = (Date.now() - started) / 1000 / (n + 1);
    log(
      `trakt: ${n + 1}/${listings.length} listings, ${journal.size} titles, ${stats.pagesFetched} pages; ` +
        `${client.stats.requests} requests (${(client.stats.requests / Math.max(minutes, 1e-9)).toFixed(0)}/min), ` +
        `waited ${formatDuration(client.stats.waitedMs / 1000)}, ETA ${formatDuration(perListing * (listings.length - n - 1))}`,
    );
  }
  stats.items = journal.size;
  return stats;
}

/** Search, list and updates endpoints wrap each title (`{type, score, movie}`, `{watchers, movie}`, `{updated_at, movie}`); popular lists do not. Titles are kept by Trakt id, so one without it cannot be kept. */
function unwrap(data: unknown, type: TraktType, path: string): { items: TraktObject[]; unusable: number } {
  if (!Array.isArray(data)) throw new Error(`expected a JSON array from ${path}`);
  const all = data.map((d) => ((d as Record<string, unknown>)[type] ?? d) as TraktObject);
  const items = all.filter((o) => typeof o?.ids?.trakt === 'number');
  return { items, unusable: all.length - items.length };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
