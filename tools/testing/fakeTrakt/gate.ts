import type { IncomingHttpHeaders } from 'node:http';
import type { Answer } from './answer.ts';

/**
 * Trakt's limit on requests in a sliding window: past it, a JSON 429 with Retry-After (when
 * the oldest request in the window leaves it) and the X-Ratelimit header the API sends.
 * Refused requests count too, as they do at Trakt.
 */
export function createRateLimit(limit: { requests: number; perMs: number }) {
  const starts: number[] = [];
  return (now: number): Answer | null => {
    while (starts.length && starts[0]! <= now - limit.perMs) starts.shift();
    starts.push(now);
    if (starts.length <= limit.requests) return null;
    const retryAfter = Math.ceil((starts[0]! + limit.perMs - now) / 1000);
    const ratelimit = JSON.stringify({ name: 'AUTHED_API_GET_LIMIT', period: limit.perMs / 1000, limit: limit.requests, remaining: 0 });
    return { status: 429, body: '{"error":"rate limit exceeded"}', headers: { 'Retry-After': String(retryAfter), 'X-Ratelimit': ratelimit } };
  };
}

/** The API version header, then the key: missing is 401, wrong is 403. */
export function checkKey(headers: IncomingHttpHeaders, apiKey: string): Answer | null {
  if (headers['trakt-api-version'] !== '2') return { status: 400, body: '{"error":"trakt-api-version must be 2"}' };
  if (headers['trakt-api-key'] !== apiKey) return { status: headers['trakt-api-key'] ? 403 : 401, body: '{"error":"invalid api key"}' };
  return null;
}
