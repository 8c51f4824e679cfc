import type { Engine } from '../../../src/engine/engine.ts';
import { rankedJson } from '../../runtime/answers.ts';
import type { Api } from '../app.ts';
import { ApiError, requireStage } from '../errors.ts';
import { filtersFrom } from '../filters.ts';
import { findTitle } from '../lookup.ts';
import { RecommendAnswer, RecommendBody } from '../schemas.ts';
import { ERROR_RESPONSES } from './errorResponses.ts';

export function recommendRoutes(app: Api, engine: Engine): void {
  app.post(
    '/v1/recommend',
    {
      schema: {
        tags: ['recommend'],
        summary: 'Titles for someone who liked these, none they have seen',
        description: 'References this catalog does not hold are skipped and listed in `unknown`; a malformed one is refused.',
        body: RecommendBody,
        response: { 200: RecommendAnswer, ...ERROR_RESPONSES },
      },
    },
    (request) => {
      const { liked, seen = [], k, filters = {} } = request.body;
      const { filters: parsed } = filtersFrom(filters, 'body');
      for (const stage of ['catalog', 'index'] as const) requireStage(engine, stage);
      const unknown: string[] = [];
      const known = (refs: string[], param: string) =>
        refs.filter((ref, i) => {
          const found = findTitle(engine, ref, `${param}.${i}`) !== undefined;
          if (!found) unknown.push(ref);
          return found;
        });
      const likedKnown = known(liked, 'liked');
      const seenKnown = known(seen, 'seen');
      if (likedKnown.length === 0) throw new ApiError(404, 'unknown_title', `none of the ${liked.length} liked titles is in this catalog`, 'liked');
      return { catalogVersion: engine.catalogInfo()!.version, results: engine.recommendFrom(likedKnown, k, parsed, seenKnown).map(rankedJson), unknown };
    },
  );
}
