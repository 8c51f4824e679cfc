import type { Engine, EngineStatus } from '../../../src/engine/engine.ts';
import { STAGES } from '../../../src/engine/stage.ts';
import type { Api } from '../app.ts';
import { ApiError } from '../errors.ts';
import { CatalogAnswer, Health, Readiness } from '../schemas.ts';
import { ERROR_RESPONSES } from './errorResponses.ts';

export function catalogRoutes(app: Api, engine: Engine): void {
  const stages = () => {
    const status = engine.status();
    // Byte counts are the browser's loading strip; a server reports what each stage is.
    const brief = (s: EngineStatus[keyof EngineStatus]) => ({ state: s.state, ...(s.error && { error: s.error }), ...(s.ms !== undefined && { ms: s.ms }), ...(s.device && { device: s.device }) });
    return { catalog: brief(status.catalog), index: brief(status.index), model: brief(status.model) };
  };

  app.get(
    '/v1/catalog',
    { schema: { tags: ['catalog'], summary: 'The catalog answering: version, counts, model, index parameters, stages', response: { 200: CatalogAnswer, 503: ERROR_RESPONSES[503] } } },
    () => {
      const m = engine.manifest();
      if (!m) throw new ApiError(503, engine.status().catalog.state === 'failed' ? 'unavailable' : 'loading', `the catalog is not loaded: ${engine.status().catalog.error ?? 'still loading'}`);
      return {
        catalogVersion: m.version,
        builtAt: m.builtAt,
        source: m.source,
        counts: { titles: m.counts.titles, movies: m.counts.movies, shows: m.counts.shows },
        model: { id: m.model.id, dims: m.model.dims, dtype: m.model.dtype, maxTokens: m.model.maxTokens },
        index: { encoding: m.index.encoding, shortlist: m.index.shortlist, recallAt10: m.index.recallAt10 },
        neighbours: { perTitle: m.neighbours.perTitle, recallAt10: m.neighbours.recallAt10, graph: m.neighbours.graph },
        stages: stages(),
      };
    },
  );

  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process answers (liveness)', response: { 200: Health } } }, () => ({ status: 'ok' as const }));

  app.get(
    '/readyz',
    { schema: { tags: ['operations'], summary: 'Every stage is loaded (readiness): 503 until then, with each stage', response: { 200: Readiness, 503: Readiness } } },
    async (_request, reply) => {
      const ready = STAGES.every((s) => engine.status()[s].state === 'ready');
      reply.status(ready ? 200 : 503);
      return { ready, stages: stages() };
    },
  );
}
