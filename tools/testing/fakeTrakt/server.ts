import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TraktMovie, TraktShow } from '../../trakt/shapes.ts';

/**
 * A stand-in for the Trakt API on loopback, for tests: search, list, updates and single-title endpoints with Trakt's
 * shapes and pagination headers, its key check, its rate limit, and the faults a long
 * ingest meets, injected from a seeded generator so every run is the same.
 */
export interface Faults {
  /** Chance per request of a 500, 502 or 503. */
  serverError: number;
  /** Chance of a CDN 520-522 with an HTML body. */
  cdnError: number;
  /** Chance of a 429 with Retry-After: 1, as JSON from the API or as HTML from the CDN. */
  tooManyJson: number;
  tooManyHtml: number;
  /** Chance of a 200 whose JSON is cut off mid-way. */
  truncated: number;
  /** Chance of an answer delayed by `slowMs`, and of one that never comes. */
  slow: number;
  slowMs: number;
  hang: number;
  /** The first time a page after the first is served, it repeats the previous page's last item in place of its own first. */
  duplicateAcrossPages: boolean;
  /** The first time page 1 of a listing is served, one later item moves to the front for the rest of that pass. */
  shiftWhilePaging: boolean;
}

export const NO_FAULTS: Faults = { serverError: 0, cdnError: 0, tooManyJson: 0, tooManyHtml: 0, truncated: 0, slow: 0, slowMs: 0, hang: 0, duplicateAcrossPages: false, shiftWhilePaging: false };

export interface FakeTraktOptions {
  movies: TraktMovie[];
  shows: TraktShow[];
  /** `/movies/{id}/people` answers, by `movie:ID` or `show:ID`; others get no cast or crew. */
  people?: Map<string, unknown>;
  apiKey: string;
  rateLimit: { requests: number; perMs: number };
  faults?: Partial<Faults>;
  seed?: number;
}

export interface RequestLogEntry {
  at: number;
  path: string;
  page: number | null;
  status: number;
}

const MAX_LIMIT = 250;

type Route =
  | { kind: 'search'; type: 'movie' | 'show' }
  | { kind: 'list'; type: 'movie' | 'show'; list: 'popular' | 'trending' }
  | { kind: 'updates'; type: 'movie' | 'show'; since: string }
  | { kind: 'single'; type: 'movie' | 'show'; id: number }
  | { kind: 'people'; type: 'movie' | 'show'; id: number };

/** The endpoints the fake serves: search, popular/trending lists, the updates feed and single titles. */
function routeOf(pathname: string): Route | null {
  let m = /^\/search\/(movie|show)$/.exec(pathname);
  if (m) return { kind: 'search', type: m[1] as 'movie' | 'show' };
  m = /^\/(movie|show)s\/(popular|trending)$/.exec(pathname);
  if (m) return { kind: 'list', type: m[1] as 'movie' | 'show', list: m[2] as 'popular' | 'trending' };
  m = /^\/(movie|show)s\/updates\/(\d{4}-\d{2}-\d{2})$/.exec(pathname);
  if (m) return { kind: 'updates', type: m[1] as 'movie' | 'show', since: m[2]! };
  m = /^\/(movie|show)s\/(\d+)\/people$/.exec(pathname);
  if (m) return { kind: 'people', type: m[1] as 'movie' | 'show', id: Number(m[2]) };
  m = /^\/(movie|show)s\/(\d+)$/.exec(pathname);
  if (m) return { kind: 'single', type: m[1] as 'movie' | 'show', id: Number(m[2]) };
  return null;
}

export async function startFakeTrakt(opts: FakeTraktOptions) {
  const faults = { ...NO_FAULTS, ...opts.faults };
  let seed = opts.seed ?? 1;
  const random = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647;
  const log: RequestLogEntry[] = [];
  const starts: number[] = [];
  const firstServed = new Set<string>();
  const shifted = new Map<string, number>();
  const hanging = new Set<ServerResponse>();

  const byYear = (items: (TraktMovie | TraktShow)[]) => {
    const map = new Map<number, (TraktMovie | TraktShow)[]>();
    for (const item of [...items].sort((a, b) => a.ids.trakt - b.ids.trakt)) {
      const list = map.get(item.year ?? 0) ?? [];
      list.push(item);
      map.set(item.year ?? 0, list);
    }
    return map;
  };
  const listings = { movie: byYear(opts.movies), show: byYear(opts.shows) };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const page = url.searchParams.has('page') ? Number(url.searchParams.get('page')) : null;
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      log.push({ at: Date.now(), path: url.pathname + url.search, page, status });
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
    };

    const now = Date.now();
    while (starts.length && starts[0]! <= now - opts.rateLimit.perMs) starts.shift();
    starts.push(now);
    if (starts.length > opts.rateLimit.requests) {
      const retryAfter = Math.ceil((starts[0]! + opts.rateLimit.perMs - now) / 1000);
      const ratelimit = JSON.stringify({ name: 'AUTHED_API_GET_LIMIT', period: opts.rateLimit.perMs / 1000, limit: opts.rateLimit.requests, remaining: 0 });
      return send(429, '{"error":"rate limit exceeded"}', { 'Retry-After': String(retryAfter), 'X-Ratelimit': ratelimit });
    }
    if (req.headers['trakt-api-version'] !== '2') return send(400, '{"error":"trakt-api-version must be 2"}');
    if (req.headers['trakt-api-key'] !== opts.apiKey) return send(req.headers['trakt-api-key'] ? 403 : 401, '{"error":"invalid api key"}');

    const route = routeOf(url.pathname);
    if (!route) return send(404, '{"error":"not found"}');

    const roll = random();
    let edge = 0;
    const hit = (p: number) => roll >= edge && roll < (edge += p);
    if (hit(faults.serverError)) return send([500, 502, 503][Math.floor(random() * 3)]!, '{"error":"server error"}');
    if (hit(faults.cdnError)) return send(520 + Math.floor(random() * 3), '<html><body>Web server is returning an unknown error</body></html>', { 'Content-Type': 'text/html' });
    if (hit(faults.tooManyJson)) return send(429, '{"error":"rate limit exceeded"}', { 'Retry-After': '1', 'X-Ratelimit': '{"remaining":0}' });
    if (hit(faults.tooManyHtml)) return send(429, '<html><body><h1>429 Too Many Requests</h1></body></html>', { 'Retry-After': '1', 'Content-Type': 'text/html' });
    if (hit(faults.hang)) {
      hanging.add(res);
      log.push({ at: Date.now(), path: url.pathname + url.search, page, status: 0 });
      return;
    }
    const delay = hit(faults.slow) ? faults.slowMs : 0;
    const truncate = hit(faults.truncated);

    const type = route.type;
    const full = url.searchParams.get('extended') === 'full';
    const shape = (i: TraktMovie | TraktShow) => (full ? i : { title: i.title, year: i.year, ids: i.ids });
    const all = type === 'movie' ? opts.movies : opts.shows;

    if (route.kind === 'people') {
      if (!all.some((i) => i.ids.trakt === route.id)) return send(404, '{"error":"not found"}');
      return send(200, JSON.stringify(opts.people?.get(`${type}:${route.id}`) ?? { cast: [], crew: {} }));
    }
    if (route.kind === 'single') {
      const item = all.find((i) => i.ids.trakt === route.id);
      return item ? send(200, JSON.stringify(shape(item))) : send(404, '{"error":"not found"}');
    }

    const limit = Math.min(MAX_LIMIT, Math.max(1, Number(url.searchParams.get('limit') ?? 10)));
    const pageNo = Math.max(1, page ?? 1);
    let items: (TraktMovie | TraktShow)[];
    let wrap: (i: TraktMovie | TraktShow) => unknown;
    let listing: string;
    if (route.kind === 'search') {
      const year = Number(url.searchParams.get('years'));
      const query = url.searchParams.get('query')?.toLowerCase();
      const languages = url.searchParams.get('languages')?.split(',');
      items = (listings[type].get(year) ?? []).filter((i) => (!query || i.title.toLowerCase().includes(query)) && (!languages || languages.includes(i.language ?? '')));
      wrap = (i) => ({ type, score: 1000, [type]: shape(i) });
      listing = `${type}:${year}:${query ?? ''}:${languages ?? ''}`;
    } else if (route.kind === 'updates') {
      items = all.filter((i) => i.updated_at >= route.since).sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.ids.trakt - b.ids.trakt);
      wrap = (i) => ({ updated_at: i.updated_at, [type]: { title: i.title, year: i.year, ids: i.ids } });
      listing = `${type}:updates:${route.since}`;
    } else {
      items = [...all].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || a.ids.trakt - b.ids.trakt);
      wrap = route.list === 'trending' ? (i) => ({ watchers: 10, [type]: shape(i) }) : shape;
      listing = `${type}:${route.list}`;
    }

    if (faults.shiftWhilePaging && items.length > limit) {
      if (pageNo === 1 && !firstServed.has(`${listing}:1`)) shifted.set(listing, items.length - 1);
      else if (pageNo === 1) shifted.delete(listing);
      const from = shifted.get(listing);
      if (from !== undefined && pageNo > 1) items = [items[from]!, ...items.slice(0, from), ...items.slice(from + 1)];
    }
    const pageItems = items.slice((pageNo - 1) * limit, pageNo * limit);
    const key = `${listing}:${pageNo}`;
    if (faults.duplicateAcrossPages && pageNo > 1 && !firstServed.has(key) && pageItems.length) {
      pageItems[0] = items[(pageNo - 1) * limit - 1]!;
    }
    firstServed.add(key);

    const body = JSON.stringify(pageItems.map(wrap));
    const headers = {
      'X-Pagination-Page': String(pageNo),
      'X-Pagination-Limit': String(limit),
      'X-Pagination-Page-Count': String(Math.max(1, Math.ceil(items.length / limit))),
      'X-Pagination-Item-Count': String(items.length),
    };
    const answer = () => (res.destroyed ? undefined : send(200, truncate ? body.slice(0, Math.floor(body.length / 2)) : body, headers));
    if (delay) setTimeout(answer, delay);
    else answer();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    /** Most requests that arrived in any window of `perMs`. */
    maxInWindow(perMs: number): number {
      const times = log.map((l) => l.at).sort((a, b) => a - b);
      let most = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= perMs) j++;
        most = Math.max(most, i - j + 1);
      }
      return most;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeTrakt = Awaited<ReturnType<typeof startFakeTrakt>>;

