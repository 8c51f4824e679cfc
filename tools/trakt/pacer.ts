import type { Clock } from './clock.ts';

export interface RateLimit {
  /** At most this many requests... */
  requests: number;
  /** ...in any window of this many milliseconds. */
  perMs: number;
}

/**
 * The server counts requests when they arrive, and network delays vary, so requests are
 * spaced this much wider than the limit requires: a request that arrives late cannot
 * push one window over the limit.
 */
export const HEADROOM = 0.05;

/**
 * Trakt allows 1000 GET requests per 5 minutes per app (500 were observed in 2026). The
 * pacer keeps requests evenly spaced (perMs / requests apart, plus HEADROOM) and, from a
 * log of the last window's start times, never lets a window hold more than `requests`.
 */
export function createPacer(limit: RateLimit, clock: Clock) {
  const spacing = (limit.perMs / limit.requests) * (1 + HEADROOM);
  const starts: number[] = [];
  let waited = 0;
  return {
    /** Resolves when the next request may start, and counts it as started. */
    async acquire(): Promise<void> {
      for (;;) {
        const now = clock.now();
        while (starts.length && starts[0]! <= now - limit.perMs) starts.shift();
        const last = starts.at(-1);
        const bySpacing = last === undefined ? now : last + spacing;
        const byWindow = starts.length >= limit.requests ? starts[0]! + limit.perMs : now;
        const at = Math.max(bySpacing, byWindow);
        if (at <= now) {
          starts.push(now);
          return;
        }
        waited += at - now;
        await clock.sleep(at - now);
      }
    },
    /** Milliseconds spent waiting for the limit so far. */
    waitedMs: () => waited,
  };
}

export type Pacer = ReturnType<typeof createPacer>;
