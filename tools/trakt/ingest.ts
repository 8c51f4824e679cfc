import { formatDuration } from '../cli/progress.ts';
import type { TraktClient } from './client.ts';
import type { IngestJournal, TraktObject, TraktType } from './journal.ts';

export interface IngestPlan {
  types: TraktType[];
  years: { from: number; to: number };
  /** Items per page; Trakt clamps anything above 250 without saying so. */
  limit: number;
  /** Optional search text; the year filter alone enumerates a year. */
  query?: string;
}

export interface IngestStats {
  listings: number;
  pagesFetched: number;
  /** Listings paged again because they shifted while being paged. */
  repaged: number;
  items: number;
}

/** How often a listing may be paged again before the ingest gives up on it. */
const MAX_PASSES = 3;

/**
 * Bulk ingestion through `/search/{movie,show}?years=Y&extended=full`, one listing per
 * type and year. Pages already in the journal are never fetched again. When a listing
 * changed while it was paged (fewer distinct titles than its item count), it is paged again.
 */
export async function ingest(client: TraktClient, journal: IngestJournal, plan: IngestPlan, log: (msg: string) => void): Promise<IngestStats> {
  const listings = plan.types.flatMap((type) => range(plan.years.from, plan.years.to).map((year) => ({ type, year, job: `search/${type}?years=${year}${plan.query ? `&query=${plan.query}` : ''}` })));
  const stats: IngestStats = { listings: listings.length, pagesFetched: 0, repaged: 0, items: 0 };
  const started = Date.now();

  for (const [n, { type, year, job }] of listings.entries()) {
    for (let pass = 1; !journal.isDone(job); pass++) {
      for (let page = 1; page <= (journal.listingSize(job)?.pageCount ?? 1); page++) {
        if (journal.hasPage(job, page)) continue;
        const res = await client.get<unknown[]>(`/search/${type}`, { query: plan.query, years: year, extended: 'full', page, limit: plan.limit });
        const size = res.page ?? { pageCount: 1, itemCount: res.data.length };
        const { items, unusable } = unwrap(res.data, type);
        if (unusable) log(`trakt: ${job} page ${page}: ${unusable} item(s) without a Trakt id skipped`);
        journal.recordPage(job, type, page, size.pageCount, size.itemCount, items);
        stats.pagesFetched++;
      }
      const expected = journal.listingSize(job)?.itemCount ?? 0;
      const seen = journal.distinctSeen(job);
      if (seen >= expected) journal.markDone(job);
      else if (pass >= MAX_PASSES) throw new Error(`${job}: ${seen} of ${expected} titles after ${pass} passes; the listing keeps changing`);
      else {
        log(`trakt: ${job} changed while paging (${seen} of ${expected} titles), paging it again`);
        stats.repaged++;
        journal.reset(job);
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

/** Search results wrap each title (`{type, score, movie}`); list endpoints may not. Titles are kept by Trakt id, so one without it cannot be kept. */
function unwrap(data: unknown[], type: TraktType): { items: TraktObject[]; unusable: number } {
  if (!Array.isArray(data)) throw new Error(`expected a JSON array from /search/${type}`);
  const all = data.map((d) => ((d as Record<string, unknown>)[type] ?? d) as TraktObject);
  const items = all.filter((o) => typeof o?.ids?.trakt === 'number');
  return { items, unusable: all.length - items.length };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
