import type { Engine } from '../../../src/engine/engine.ts';
import { rankedJson } from '../../runtime/answers.ts';
import type { Api } from '../app.ts';
import { ApiError, requireStage } from '../errors.ts';
import { filtersFrom } from '../filters.ts';
import { findTitle } from '../lookup.ts';
import { BlendAnswer, BlendBody, GroupsAnswer, RecommendAnswer, RecommendBody } from '../schemas.ts';
import { ERROR_RESPONSES } from './errorResponses.ts';

const SKIPPED = 'References this catalog does not hold are skipped and listed in `unknown`; a malformed one is refused.';

export function recommendRoutes(app: Api, engine: Engine): void {
  app.post(
    '/v1/recommend',
    { schema: { tags: ['recommend'], summary: 'Titles for someone who liked these, none they have seen', description: SKIPPED, body: RecommendBody, response: { 200: RecommendAnswer, ...ERROR_RESPONSES } } },
    (request) => {
      const { liked, seen = [], k, filters = {} } = request.body;
      const lists = knownLists(engine, filters);
      const likedKnown = lists.liked(liked, 'liked');
      return { catalogVersion: lists.version, results: engine.recommendFrom(likedKnown, k, lists.filters, lists.known(seen, 'seen')).map(rankedJson), unknown: lists.unknown };
    },
  );

  app.post(
    '/v1/recommend/groups',
    {
      schema: {
        tags: ['recommend'],
        summary: 'Recommendations in rows, one for each group of liked titles close in meaning',
        description: `A dozen likes or more are grouped (the app's "Because you liked …" rows). ${SKIPPED}`,
        body: RecommendBody,
        response: { 200: GroupsAnswer, ...ERROR_RESPONSES },
      },
    },
    (request) => {
      const { liked, seen = [], k, filters = {} } = request.body;
      const lists = knownLists(engine, filters);
      const likedKnown = lists.liked(liked, 'liked');
      const groups = engine.recommendGroups(likedKnown, k, lists.filters, lists.known(seen, 'seen'));
      return {
        catalogVersion: lists.version,
        // `because` holds catalog entries, which always have a type (only old kept marks lack one).
        groups: groups.map((g) => ({ because: g.because.map(({ key, title, year, type }) => ({ key, title, year, type: type! })), likes: g.likes, results: g.results.map(rankedJson) })),
        unknown: lists.unknown,
      };
    },
  );

  app.post(
    '/v1/blend',
    {
      schema: {
        tags: ['recommend'],
        summary: "Titles for two people at once, each saying whose likes it is close to",
        description: `Each list's recommendations are taken in turn, titles both lists recommend first, so that list length does not decide. ${SKIPPED}`,
        body: BlendBody,
        response: { 200: BlendAnswer, ...ERROR_RESPONSES },
      },
    },
    (request) => {
      const { first, second, seen = [], k, filters = {} } = request.body;
      const lists = knownLists(engine, filters);
      const [a, b] = [lists.liked(first, 'first'), lists.liked(second, 'second')];
      const results = engine.blend(a, b, k, lists.filters, lists.known(seen, 'seen'));
      return { catalogVersion: lists.version, results: results.map((r) => ({ ...rankedJson(r), closeTo: r.closeTo })), unknown: lists.unknown };
    },
  );
}

/** A request's filters read, and its lists of references checked: malformed ones refused, unknown ones collected and skipped. */
function knownLists(engine: Engine, filters: Record<string, unknown>) {
  const { filters: parsed } = filtersFrom(filters, 'body');
  for (const stage of ['catalog', 'index'] as const) requireStage(engine, stage);
  const unknown: string[] = [];
  const known = (refs: string[], param: string) =>
    refs.filter((ref, i) => {
      const found = findTitle(engine, ref, `${param}.${i}`) !== undefined;
      if (!found) unknown.push(ref);
      return found;
    });
  return {
    filters: parsed,
    version: engine.catalogInfo()!.version,
    unknown,
    known,
    /** Liked titles: none of them known is a 404, there being nothing to recommend from. */
    liked(refs: string[], param: string) {
      const found = known(refs, param);
      if (found.length === 0) throw new ApiError(404, 'unknown_title', `none of the ${refs.length} titles in ${param} is in this catalog`, param);
      return found;
    },
  };
}
