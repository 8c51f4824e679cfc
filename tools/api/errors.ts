import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Engine, Stage } from '../../src/engine/engine.ts';

/**
 * The API's errors: JSON with a stable code, a message a person can act on and the
 * parameter at fault; never a stack trace.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export const badParameter = (param: string, message: string) => new ApiError(400, 'bad_parameter', message, param);

/** Seconds a client should wait before asking a loading server again. */
const RETRY_AFTER_S = 5;

/** Throws 503 unless `stage` is loaded: while it loads, or when it failed (the reason is given). */
export function requireStage(engine: Engine, stage: Stage): void {
  const status = engine.status()[stage];
  if (status.state === 'ready') return;
  if (status.state === 'failed') throw new ApiError(503, 'unavailable', `the ${stage} failed to load: ${status.error}`);
  throw new ApiError(503, 'loading', `the ${stage} is still loading: try again shortly`);
}

interface Validation {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Fastify's error handler: ours as they are, schema violations named by parameter, the rest without internals. */
export function handleError(err: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) {
  const e = err instanceof ApiError ? err : fromFastify(err);
  if (e.status >= 500 && e.code === 'internal') request.log.error({ err }, 'request failed');
  if (e.status === 503) reply.header('retry-after', String(RETRY_AFTER_S));
  return reply
    .status(e.status)
    .header('cache-control', 'no-store')
    .send({ error: { code: e.code, message: e.message, ...(e.param !== undefined && { param: e.param }) } });
}

function fromFastify(err: FastifyError): ApiError {
  if (err.validation?.length) return fromValidation(err.validation[0] as Validation, err.validationContext ?? 'querystring');
  const status = err.statusCode ?? 500;
  if (status === 413) return new ApiError(413, 'too_large', 'the request body is too large');
  if (status === 414) return new ApiError(414, 'too_long', 'the URL or one of its path parameters is too long');
  if (status === 415) return new ApiError(415, 'unsupported_media_type', 'send the body as application/json');
  if (status === 400) return new ApiError(400, 'bad_body', `the request body is not valid JSON: ${err.message}`);
  if (status < 500) return new ApiError(status, 'bad_request', err.message);
  return new ApiError(500, 'internal', 'the server failed to answer: the error is logged');
}

/**
 * Too much input (a text over its length, a list over its count) is 414 in the URL and 413 in
 * a body; anything else that breaks the schema is 400. The parameter is named as a client
 * wrote it: `k`, `filters.year`, `liked.3`.
 */
function fromValidation(v: Validation, context: string): ApiError {
  const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const inBody = context === 'body';
  if (v.keyword === 'additionalProperties') {
    const name = [path, String(v.params.additionalProperty)].filter(Boolean).join('.');
    return new ApiError(400, 'unknown_parameter', `unknown parameter ${name}`, name);
  }
  if (v.keyword === 'required') {
    const name = [path, String(v.params.missingProperty)].filter(Boolean).join('.');
    return new ApiError(400, 'missing_parameter', `${name} is required`, name);
  }
  const name = path || (inBody ? 'body' : context);
  if (v.keyword === 'maxLength' || v.keyword === 'maxItems') {
    const what = v.keyword === 'maxLength' ? 'characters' : 'items';
    return new ApiError(inBody ? 413 : 414, inBody ? 'too_large' : 'too_long', `${name} must have at most ${v.params.limit} ${what}`, name);
  }
  return badParameter(name, `${name} ${v.message ?? 'is not valid'}`);
}
