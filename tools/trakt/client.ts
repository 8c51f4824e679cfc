import { realClock, type Clock } from './clock.ts';
import { createPacer, type Pacer, type RateLimit } from './pacer.ts';

export const TRAKT_API = 'https://api.trakt.tv';
/** The documented GET limit; 500 per 5 minutes was observed in 2026, so that is the default pace. */
export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 500, perMs: 5 * 60_000 };

export interface PageInfo {
  page: number;
  limit: number;
  pageCount: number;
  itemCount: number;
}

export interface TraktResponse<T> {
  data: T;
  /** From the X-Pagination-* headers; null on endpoints that do not paginate. */
  page: PageInfo | null;
}

export interface ClientOptions {
  clientId: string | undefined;
  baseUrl?: string;
  userAgent: string;
  rateLimit?: RateLimit;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Jitter source, replaceable in tests. */
  random?: () => number;
  maxRetries?: number;
  /** First backoff step; doubles per retry up to a minute. */
  backoffBaseMs?: number;
  timeoutMs?: number;
  log?: (msg: string) => void;
}

export class TraktFatalError extends Error {}

/** Status codes worth another try: server errors and the CDN's 520-522. */
const RETRYABLE = (status: number) => status >= 500 && status <= 599;
const BACKOFF_MAX_MS = 60_000;

/**
 * A Trakt API v2 client for GET requests: paced under the rate limit, retried with
 * exponential backoff and jitter on server and network faults, waiting out 429s as told,
 * and stopping at once on a refused key (401/403) or a locked account (423).
 */
export function createTraktClient(opts: ClientOptions) {
  if (!opts.clientId?.trim()) {
    throw new TraktFatalError('TRAKT_CLIENT_ID is not set: create an API app at trakt.tv/oauth/applications and export its Client ID');
  }
  const clock = opts.clock ?? realClock;
  const doFetch = opts.fetch ?? fetch;
  const random = opts.random ?? Math.random;
  const maxRetries = opts.maxRetries ?? 8;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const backoffBaseMs = opts.backoffBaseMs ?? 1_000;
  const log = opts.log ?? (() => {});
  const pacer: Pacer = createPacer(opts.rateLimit ?? DEFAULT_RATE_LIMIT, clock);
  const headers = {
    'Content-Type': 'application/json',
    'trakt-api-version': '2',
    'trakt-api-key': opts.clientId.trim(),
    'User-Agent': opts.userAgent,
  };
  const stats = { requests: 0, retries: 0, rateLimited: 0, waitedMs: 0 };

  async function get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<TraktResponse<T>> {
    const url = new URL(path, opts.baseUrl ?? TRAKT_API);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));

    for (let attempt = 0; ; attempt++) {
      const pacedBefore = pacer.waitedMs();
      await pacer.acquire();
      stats.waitedMs += pacer.waitedMs() - pacedBefore;
      stats.requests++;

      let failure: string;
      let waitMs: number | undefined;
      try {
        const res = await doFetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
        if (res.ok) {
          const body = await res.text();
          try {
            return { data: JSON.parse(body) as T, page: pageInfo(res.headers) };
          } catch {
            failure = `truncated or invalid JSON (${body.length} bytes)`;
          }
        } else if (res.status === 401 || res.status === 403) {
          throw new TraktFatalError(`Trakt refused the API key (HTTP ${res.status} for ${url.pathname}): check TRAKT_CLIENT_ID`);
        } else if (res.status === 423) {
          throw new TraktFatalError('Trakt says the account is locked (HTTP 423): it must be unlocked on trakt.tv before ingesting');
        } else if (res.status === 429) {
          stats.rateLimited++;
          failure = `rate limited (HTTP 429${res.headers.has('x-ratelimit') ? '' : ', no X-Ratelimit header: the CDN'})`;
          waitMs = retryAfterMs(res.headers.get('retry-after'), clock.now());
          await res.body?.cancel();
        } else if (RETRYABLE(res.status)) {
          failure = `HTTP ${res.status}`;
          await res.body?.cancel();
        } else {
          throw new TraktFatalError(`HTTP ${res.status} for ${url.pathname}${url.search}`);
        }
      } catch (err) {
        if (err instanceof TraktFatalError) throw err;
        failure = `network error: ${(err as Error).message}`;
      }

      if (attempt >= maxRetries) throw new TraktFatalError(`giving up on ${url.pathname}${url.search} after ${attempt + 1} attempts: ${failure}`);
      // Full jitter keeps many clients from retrying in step; a 429 waits exactly as told.
      const delay = waitMs ?? Math.min(BACKOFF_MAX_MS, backoffBaseMs * 2 ** attempt) * (0.5 + random() / 2);
      stats.retries++;
      stats.waitedMs += delay;
      log(`${url.pathname}: ${failure}; retrying in ${(delay / 1000).toFixed(1)} s`);
      await clock.sleep(delay);
    }
  }

  return { get, stats };
}

export type TraktClient = ReturnType<typeof createTraktClient>;

function pageInfo(h: Headers): PageInfo | null {
  const page = h.get('x-pagination-page');
  if (page === null) return null;
  return {
    page: Number(page),
    limit: Number(h.get('x-pagination-limit')),
    pageCount: Number(h.get('x-pagination-page-count')),
    itemCount: Number(h.get('x-pagination-item-count')),
  };
}

/** Retry-After in seconds or as an HTTP date; one second when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number {
  if (value === null) return 1_000;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : 1_000;
}
