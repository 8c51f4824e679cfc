import type { Engine } from '../../../src/engine/engine.ts';
import { hitJson, rankedJson, titleJson } from '../../runtime/answers.ts';
import type { Api } from '../app.ts';
import { requireStage } from '../errors.ts';
import { filtersFrom } from '../filters.ts';
import { existingTitle, nonBlank } from '../lookup.ts';
import { ERROR_RESPONSES } from './errorResponses.ts';
import { SearchAnswer, SearchQuery, SimilarAnswer, SimilarQuery, TitleAnswer, TitleRefParam } from '../schemas.ts';

const TAGS = ['titles'];

export function titleRoutes(app: Api, engine: Engine): void {
  app.get(
    '/v1/titles/search',
    {
      config: { cacheable: true },
      schema: { tags: TAGS, summary: 'Titles by name, as typed: prefixes and typos allowed', querystring: SearchQuery, response: { 200: SearchAnswer, ...ERROR_RESPONSES } },
    },
    (request) => {
      requireStage(engine, 'catalog');
      const { q, k } = request.query;
      return { catalogVersion: engine.catalogInfo()!.version, results: engine.searchTitles(nonBlank(q, 'q'), k).map(hitJson) };
    },
  );

  app.get(
    '/v1/titles/:id',
    {
      config: { cacheable: true },
      schema: { tags: TAGS, summary: 'One title, whole: overview, cast and crew, ids', params: TitleRefParam, response: { 200: TitleAnswer, ...ERROR_RESPONSES } },
    },
    (request) => {
      requireStage(engine, 'catalog');
      return { catalogVersion: engine.catalogInfo()!.version, title: titleJson(existingTitle(engine, request.params.id, 'id')) };
    },
  );

  app.get(
    '/v1/titles/:id/similar',
    {
      config: { cacheable: true },
      schema: {
        tags: TAGS,
        summary: 'The titles most like this one, with filters and the reasons for each',
        params: TitleRefParam,
        querystring: SimilarQuery,
        response: { 200: SimilarAnswer, ...ERROR_RESPONSES },
      },
    },
    (request) => {
      requireStage(engine, 'catalog');
      const self = existingTitle(engine, request.params.id, 'id');
      const { filters, hideFranchise, popularity } = filtersFrom(request.query, 'query');
      requireStage(engine, 'index');
      const results = engine.similar(self, request.query.k, filters, { hideOwnFranchise: hideFranchise, popularityBoost: popularity });
      return {
        catalogVersion: engine.catalogInfo()!.version,
        title: { key: self.key, title: self.title, year: self.year, type: self.type },
        results: results.map(rankedJson),
      };
    },
  );
}
