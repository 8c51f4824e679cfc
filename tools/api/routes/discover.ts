import type { Engine } from '../../../src/engine/engine.ts';
import { rankedJson } from '../../runtime/answers.ts';
import type { Api } from '../app.ts';
import { requireStage } from '../errors.ts';
import { filtersFrom } from '../filters.ts';
import { nonBlank } from '../lookup.ts';
import { DiscoverQuery, RankedAnswer } from '../schemas.ts';
import { ERROR_RESPONSES } from './errorResponses.ts';

export function discoverRoutes(app: Api, engine: Engine): void {
  app.get(
    '/v1/discover',
    {
      config: { cacheable: true },
      schema: {
        tags: ['discover'],
        summary: 'Titles matching a description in your own words ("a heist by stage magicians")',
        querystring: DiscoverQuery,
        response: { 200: RankedAnswer, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const text = nonBlank(request.query.text, 'text');
      const { filters, popularity } = filtersFrom(request.query, 'query');
      for (const stage of ['catalog', 'index', 'model'] as const) requireStage(engine, stage);
      // Unset, a description weighs popularity as the app does (DESCRIPTION.popularity), not at 0.
      const results = await engine.searchText(text, request.query.k, filters, { popularityBoost: popularity || undefined });
      return { catalogVersion: engine.catalogInfo()!.version, results: results.map(rankedJson) };
    },
  );
}
