import etag from '@fastify/etag';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import type { Engine } from '../../src/engine/engine.ts';
import { ApiError, handleError } from './errors.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { discoverRoutes } from './routes/discover.ts';
import { recommendRoutes } from './routes/recommend.ts';
import { titleRoutes } from './routes/titles.ts';

export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Its 200 answers depend only on the URL and the catalog: CDNs may keep them. */
    cacheable?: boolean;
  }
}

export interface AppOptions {
  engine: Engine;
  /** The one origin allowed to call from a browser; no CORS headers without it. */
  cors?: string;
  logger?: FastifyServerOptions['logger'];
}

/** What a CDN may do with an answer: the catalog changes only when the server is given a new one, and the ETag tells. */
const CACHEABLE = 'public, max-age=3600';
/** Longer URLs are refused with 414 (a text of 1,000 characters fits even when every one is percent-encoded UTF-8). */
const MAX_URL_CHARS = 14_000;
/** 1,000 references and filters fit in a tenth of it. */
const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The HTTP API over one engine (src/engine/), answering through src/ranking/ as the app's
 * worker and the query CLI do. Stateless: run more copies behind any load balancer.
 */
export async function createApp({ engine, cors: origin, logger = false }: AppOptions): Promise<Api> {
  const app = Fastify({
    logger,
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT_BYTES,
    // The router's own limit answers outside the error handler: the schema's (100 characters) names the parameter instead.
    routerOptions: { maxParamLength: MAX_URL_CHARS },
    // Fastify's default drops unknown properties silently: a misspelt filter must be named instead.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Marquee', version: '1', description: 'Similar movies and shows, found by what they are about, from a built Marquee catalog.' },
    },
  });
  await app.register(etag);
  if (origin) await app.register(cors, { origin, methods: ['GET', 'POST'] });

  // Bodies are JSON: a form or plain text is refused with 415, not read as a string the schema then refuses.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => handleError(new ApiError(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}: see /openapi.json`), request, reply));
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_CHARS) throw new ApiError(414, 'too_long', `the URL has ${request.url.length} characters, at most ${MAX_URL_CHARS} are read`);
  });
  app.addHook('onSend', async (request, reply) => {
    const version = engine.catalogInfo()?.version;
    if (version) reply.header('x-catalog-version', version);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', request.routeOptions.config?.cacheable && reply.statusCode === 200 ? CACHEABLE : 'no-store');
  });

  titleRoutes(app, engine);
  discoverRoutes(app, engine);
  recommendRoutes(app, engine);
  catalogRoutes(app, engine);
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  return app;
}

/** One JSON line per request, when it is answered, with its latency: Fastify's default writes two. */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply) {
    const line = { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100 };
    if (error) reply.log.error({ ...line, err: error }, 'answered with an error');
    else reply.log.info(line, 'answered');
  }
}
