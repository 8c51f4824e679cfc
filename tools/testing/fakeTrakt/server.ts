import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notFound, type Answer } from './answer.ts';
import { createEndpoints, type FakeCatalog } from './endpoints.ts';
import { createFates, NO_FAULTS, type Faults } from './faults.ts';
import { checkKey, createRateLimit } from './gate.ts';
import { createPager } from './pagination.ts';
import { routeOf } from './routes.ts';

export type { Faults } from './faults.ts';

/**
 * A stand-in for the Trakt API on loopback, for tests: search, list, updates and
 * single-title endpoints with Trakt's shapes and pagination headers, its key check, its
 * rate limit, and the faults a long ingest meets, injected from a seeded generator so every
 * run is the same. A request passes the rate limit, then the key check, then routing and
 * the endpoint's own parameter check; only then may a fault take the place of its answer.
 */
export interface FakeTraktOptions extends FakeCatalog {
  apiKey: string;
  rateLimit: { requests: number; perMs: number };
  faults?: Partial<Faults>;
  seed?: number;
}

export interface RequestLogEntry {
  at: number;
  path: string;
  page: number | null;
  /** 0 for a request left hanging. */
  status: number;
}

export async function startFakeTrakt(opts: FakeTraktOptions) {
  const faults = { ...NO_FAULTS, ...opts.faults };
  const fate = createFates(faults, opts.seed ?? 1);
  const rateLimit = createRateLimit(opts.rateLimit);
  const endpoints = createEndpoints(opts);
  const page = createPager(faults);
  const log: RequestLogEntry[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const pageNo = url.searchParams.has('page') ? Number(url.searchParams.get('page')) : null;
    const record = (status: number) => log.push({ at: Date.now(), path: url.pathname + url.search, page: pageNo, status });
    const send = ({ status, body, headers }: Answer) => {
      record(status);
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
    };

    const refused = rateLimit(Date.now()) ?? checkKey(req.headers, opts.apiKey);
    if (refused) return send(refused);
    const route = routeOf(url.pathname);
    if (!route) return send(notFound);
    const invalid = endpoints.refusal(route, url.searchParams);
    if (invalid) return send(invalid);

    const f = fate();
    if (f.kind === 'fail') return send(f.answer);
    if (f.kind === 'hang') {
      hanging.add(res);
      return record(0);
    }
    if (route.kind === 'single' || route.kind === 'people') return send(endpoints.title(route, url.searchParams));

    const listing = endpoints.listing(route, url.searchParams);
    const { items, headers } = page(listing.name, listing.items, Math.max(1, pageNo ?? 1), Number(url.searchParams.get('limit') ?? 10));
    const body = JSON.stringify(items.map(listing.wrap));
    const answer = () => (res.destroyed ? undefined : send({ status: 200, body: f.truncate ? body.slice(0, Math.floor(body.length / 2)) : body, headers }));
    if (f.delayMs) setTimeout(answer, f.delayMs);
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
