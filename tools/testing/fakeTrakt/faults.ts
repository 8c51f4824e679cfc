import type { Answer } from './answer.ts';

/** The faults a long ingest meets, as chances per request (and two paging quirks). */
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

/** What befalls one request: an error answer in place of its own, no answer at all, or its own answer, maybe late or cut off. */
export type Fate = { kind: 'fail'; answer: Answer } | { kind: 'hang' } | { kind: 'serve'; delayMs: number; truncate: boolean };

/** Draws each request's fate from a seeded generator, so every run of a test meets the same faults. */
export function createFates(faults: Faults, seed: number): () => Fate {
  let state = seed;
  const random = () => (state = (Math.imul(state, 48271) >>> 0) % 2147483647) / 2147483647;
  return () => {
    // One draw per request, cut into bands by the chances in order.
    const roll = random();
    let edge = 0;
    const hit = (p: number) => roll >= edge && roll < (edge += p);
    const fail = (status: number, body: string, headers?: Record<string, string>): Fate => ({ kind: 'fail', answer: { status, body, headers } });
    if (hit(faults.serverError)) return fail([500, 502, 503][Math.floor(random() * 3)]!, '{"error":"server error"}');
    if (hit(faults.cdnError)) return fail(520 + Math.floor(random() * 3), '<html><body>Web server is returning an unknown error</body></html>', { 'Content-Type': 'text/html' });
    if (hit(faults.tooManyJson)) return fail(429, '{"error":"rate limit exceeded"}', { 'Retry-After': '1', 'X-Ratelimit': '{"remaining":0}' });
    if (hit(faults.tooManyHtml)) return fail(429, '<html><body><h1>429 Too Many Requests</h1></body></html>', { 'Retry-After': '1', 'Content-Type': 'text/html' });
    if (hit(faults.hang)) return { kind: 'hang' };
    const delayMs = hit(faults.slow) ? faults.slowMs : 0;
    return { kind: 'serve', delayMs, truncate: hit(faults.truncated) };
  };
}
