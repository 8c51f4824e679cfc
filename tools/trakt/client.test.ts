import { describe, expect, it } from 'vitest';
import { fakeClock } from './clock.ts';
import { createTraktClient, retryAfterMs, TraktFatalError } from './client.ts';
import { createPacer, HEADROOM } from './pacer.ts';

type Reply = { status: number; body?: string; headers?: Record<string, string> } | Error;

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(replies: Reply[]) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fn = (async (url: URL, init: RequestInit) => {
    calls.push({ url: String(url), headers: init.headers as Record<string, string> });
    const reply = replies.shift() ?? { status: 200, body: '[]' };
    if (reply instanceof Error) throw reply;
    return new Response(reply.body ?? '', { status: reply.status, headers: reply.headers });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const client = (replies: Reply[], extra: Partial<Parameters<typeof createTraktClient>[0]> = {}) => {
  const clock = fakeClock(1_000_000);
  const f = scriptedFetch(replies);
  const c = createTraktClient({ clientId: 'secret-id', baseUrl: 'http://trakt.test', userAgent: 'Marquee/0.1.0', clock, fetch: f.fn, random: () => 1, rateLimit: { requests: 1000, perMs: 1 }, ...extra });
  return { c, clock, calls: f.calls };
};

describe('Trakt client', () => {
  it('refuses to start without a key, before any request', () => {
    const f = scriptedFetch([]);
    expect(() => createTraktClient({ clientId: ' ', userAgent: 'x', fetch: f.fn })).toThrow(/TRAKT_CLIENT_ID is not set/);
    expect(f.calls).toHaveLength(0);
  });

  it('sends the v2 headers with the key and reads the pagination headers', async () => {
    const { c, calls } = client([{ status: 200, body: '[{"a":1}]', headers: { 'X-Pagination-Page': '2', 'X-Pagination-Limit': '250', 'X-Pagination-Page-Count': '9', 'X-Pagination-Item-Count': '2100' } }]);
    const res = await c.get('/search/movie', { years: 2001, page: 2, limit: 250, extended: 'full', query: undefined });
    expect(res).toEqual({ data: [{ a: 1 }], page: { page: 2, limit: 250, pageCount: 9, itemCount: 2100 } });
    expect(calls[0]!.url).toBe('http://trakt.test/search/movie?years=2001&page=2&limit=250&extended=full');
    expect(calls[0]!.headers).toEqual({ 'Content-Type': 'application/json', 'trakt-api-version': '2', 'trakt-api-key': 'secret-id', 'User-Agent': 'Marquee/0.1.0' });
  });

  it('waits Retry-After on a JSON 429 and on the CDN HTML 429 without X-Ratelimit', async () => {
    const logs: string[] = [];
    const { c, clock } = client(
      [
        { status: 429, body: '{"error":"rate limit"}', headers: { 'Retry-After': '7', 'X-Ratelimit': '{"remaining":0}' } },
        { status: 429, body: '<html><body>429 Too Many Requests</body></html>', headers: { 'Retry-After': '3', 'Content-Type': 'text/html' } },
        { status: 200, body: '{}' },
      ],
      { log: (m) => logs.push(m) },
    );
    await c.get('/movies/popular');
    expect(clock.slept).toEqual([7000, 3000]);
    expect(c.stats).toMatchObject({ requests: 3, retries: 2, rateLimited: 2, waitedMs: 10000 });
    expect(logs[1]).toMatch(/no X-Ratelimit header: the CDN/);
  });

  it('backs off exponentially with jitter on 5xx, 520-522, network errors and truncated JSON', async () => {
    const { c, clock } = client(
      [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 520 }, new TypeError('fetch failed'), { status: 200, body: '[{"title":"Hea' }, { status: 200, body: '[]' }],
      { random: () => 0 },
    );
    await expect(c.get('/search/movie')).resolves.toMatchObject({ data: [] });
    // random() = 0 takes the low end of the jitter range: half the exponential step.
    expect(clock.slept).toEqual([500, 1000, 2000, 4000, 8000, 16000]);
  });

  it('caps the backoff and gives up after maxRetries with the last reason', async () => {
    const { c, clock } = client(Array.from({ length: 10 }, () => ({ status: 503 })), { maxRetries: 7 });
    await expect(c.get('/shows/popular')).rejects.toThrow('giving up on /shows/popular after 8 attempts: HTTP 503');
    expect(clock.slept).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000]);
  });

  it.each([
    [401, /refused the API key \(HTTP 401/],
    [403, /refused the API key \(HTTP 403/],
    [423, /account is locked/],
    [404, /HTTP 404 for \/movies\/nope/],
  ])('stops at once on HTTP %i', async (status, message) => {
    const { c, calls } = client([{ status }]);
    await expect(c.get('/movies/nope')).rejects.toThrow(TraktFatalError);
    const again = client([{ status }]);
    await expect(again.c.get('/movies/nope')).rejects.toThrow(message);
    expect(calls).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('12', 0)).toBe(12000);
    expect(retryAfterMs(new Date(5_000).toUTCString(), 1_000)).toBe(4000);
    expect(retryAfterMs(null, 0)).toBe(1000);
    expect(retryAfterMs('soon', 0)).toBe(1000);
  });
});

describe('pacer', () => {
  it('spaces requests evenly and never lets a window hold more than the limit', async () => {
    const clock = fakeClock(0);
    const pacer = createPacer({ requests: 3, perMs: 1000 }, clock);
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      await pacer.acquire();
      starts.push(clock.now());
    }
    for (const s of starts) expect(starts.filter((t) => t >= s && t < s + 1000).length).toBeLessThanOrEqual(3);
    const spacing = (1000 / 3) * (1 + HEADROOM);
    for (const gap of starts.slice(1).map((t, i) => t - starts[i]!)) expect(gap).toBeCloseTo(spacing, 6);
    expect(pacer.waitedMs()).toBeCloseTo(9 * spacing, 6);
  });

  it('does not wait when requests are already slower than the limit', async () => {
    const clock = fakeClock(0);
    const pacer = createPacer({ requests: 2, perMs: 100 }, clock);
    await pacer.acquire();
    await clock.sleep(500);
    await pacer.acquire();
    expect(pacer.waitedMs()).toBe(0);
  });
});
