import { Type, type TSchema } from 'typebox';
import { FILTER_PARAM_HELP, MAX_LIST_VALUES, type FilterParamName } from '../../src/ranking/filterParams.ts';

/**
 * Every request and response shape of the HTTP API, once: Fastify validates requests and
 * serialises responses with them, the handlers are typed by them, and `/openapi.json` is
 * generated from them.
 */

/** The API's limits: answers are pages of a ranking, not the catalog. */
export const LIMITS = { k: 100, textChars: 1000, ids: 1000 } as const;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const TitleType = Type.Union([Type.Literal('movie'), Type.Literal('show')]);

export const TitleRefParam = Type.Object(
  { id: Type.String({ maxLength: 100, description: 'the title: its key or trakt:N, tmdb:N, imdb:ttN, h:HASH (show:trakt:N and the like for a show), id:N', examples: ['tmdb:603'] }) },
  { additionalProperties: false },
);

const K = (fallback: number) => Type.Integer({ minimum: 1, maximum: LIMITS.k, default: fallback, description: `how many results (at most ${LIMITS.k})` });
const Text = (description: string) => Type.String({ minLength: 1, maxLength: LIMITS.textChars, description });

/** The filter parameters, with the names and syntax of the CLI's flags and the app's URLs; src/ranking/filterParams.ts reads them. */
function filterProperties<N extends FilterParamName>(names: readonly N[]) {
  const list = (name: FilterParamName) => Type.Array(Type.String(), { maxItems: MAX_LIST_VALUES, description: `${FILTER_PARAM_HELP[name]}; may be repeated` });
  const all = {
    genre: list('genre'),
    'exclude-genre': list('exclude-genre'),
    year: Type.String({ description: FILTER_PARAM_HELP.year }),
    runtime: Type.String({ description: FILTER_PARAM_HELP.runtime }),
    language: Type.String({ description: FILTER_PARAM_HELP.language }),
    'min-rating': Type.String({ description: FILTER_PARAM_HELP['min-rating'] }),
    'min-votes': Type.String({ description: FILTER_PARAM_HELP['min-votes'] }),
    type: Type.String({ description: FILTER_PARAM_HELP.type }),
    'hide-franchise': Type.String({ description: `${FILTER_PARAM_HELP['hide-franchise']}: true, false, or empty for true` }),
    popularity: Type.String({ description: FILTER_PARAM_HELP.popularity }),
  };
  return Object.fromEntries(names.map((n) => [n, Type.Optional(all[n])])) as { [K in N]: ReturnType<typeof Type.Optional<(typeof all)[K]>> };
}

const FILTERS_ONLY = ['genre', 'exclude-genre', 'year', 'runtime', 'language', 'min-rating', 'min-votes', 'type'] as const;

export const SearchQuery = Type.Object({ q: Text('what was typed: a title or part of one, typos allowed'), k: K(10) }, { additionalProperties: false });
export const SimilarQuery = Type.Object({ k: K(20), ...filterProperties([...FILTERS_ONLY, 'hide-franchise', 'popularity']) }, { additionalProperties: false });
export const DiscoverQuery = Type.Object({ text: Text('what to watch, in your own words'), k: K(20), ...filterProperties([...FILTERS_ONLY, 'popularity']) }, { additionalProperties: false });

const Refs = (description: string, minItems = 0) => Type.Array(Type.String({ maxLength: 100 }), { minItems, maxItems: LIMITS.ids, description });
const FilterValue = Type.Union([Type.String(), Type.Number(), Type.Array(Type.String(), { maxItems: MAX_LIST_VALUES })]);
const BodyFilters = Type.Optional(
  Type.Object(Object.fromEntries(FILTERS_ONLY.map((n) => [n, Type.Optional(FilterValue)])), {
    additionalProperties: false,
    description: 'the filter parameters of /similar, by the same names; a value as there, a number, or a list for genre and exclude-genre',
  }),
);
export const RecommendBody = Type.Object(
  {
    liked: Refs('titles the person liked (references as in /v1/titles/{id})', 1),
    seen: Type.Optional(Refs('titles never to recommend (already seen)')),
    k: K(20),
    filters: BodyFilters,
  },
  { additionalProperties: false },
);
export const BlendBody = Type.Object(
  {
    first: Refs('titles the first person liked', 1),
    second: Refs('titles the second person liked', 1),
    seen: Type.Optional(Refs('titles never to recommend (seen by either)')),
    k: K(20),
    filters: BodyFilters,
  },
  { additionalProperties: false },
);

const Ids = Type.Object({ trakt: Nullable(Type.Number()), slug: Nullable(Type.String()), imdb: Nullable(Type.String()), tmdb: Nullable(Type.Number()) });
const Credit = Type.Object({ name: Type.String(), role: Type.Union([Type.Literal('cast'), Type.Literal('crew')]), job: Nullable(Type.String()) });

const Why = Type.Object(
  {
    similarity: Type.Number({ description: "cosine of the two titles' (or the text's) embeddings" }),
    sharedGenres: Type.Array(Type.String()),
    sharedWords: Type.Array(Type.String(), { description: 'the most distinctive words in common, rarest first' }),
    sameSeries: Type.Boolean(),
    sharedPeople: Type.Array(Credit, { description: 'directors and leading actors of both' }),
  },
  { description: 'why it was ranked here' },
);

export const RankedTitle = Type.Object({
  key: Type.String({ description: 'the stable id: the same title keeps it across catalog builds' }),
  title: Type.String(),
  year: Nullable(Type.Number()),
  type: TitleType,
  genres: Type.Array(Type.String()),
  runtime: Nullable(Type.Number()),
  language: Nullable(Type.String()),
  rating: Nullable(Type.Number()),
  votes: Nullable(Type.Number()),
  ids: Ids,
  score: Type.Number(),
  why: Why,
});

export const TitleHit = Type.Object({
  key: Type.String(),
  title: Type.String(),
  year: Nullable(Type.Number()),
  type: TitleType,
  votes: Nullable(Type.Number()),
  overviewStart: Nullable(Type.String({ description: 'the start of the overview, to tell same-titled titles apart' })),
});

export const Title = Type.Object({
  key: Type.String(),
  type: TitleType,
  title: Type.String(),
  originalTitle: Nullable(Type.String()),
  year: Nullable(Type.Number()),
  released: Nullable(Type.String()),
  runtime: Nullable(Type.Number()),
  overview: Nullable(Type.String()),
  tagline: Nullable(Type.String()),
  genres: Type.Array(Type.String()),
  language: Nullable(Type.String()),
  country: Nullable(Type.String()),
  certification: Nullable(Type.String()),
  rating: Nullable(Type.Number()),
  votes: Nullable(Type.Number()),
  ids: Ids,
  show: Nullable(Type.Object({ network: Nullable(Type.String()), status: Nullable(Type.String()), airedEpisodes: Nullable(Type.Number()) })),
  credits: Type.Array(Credit),
  textCredit: Type.Optional(
    Nullable(Type.Object({ source: Type.String(), url: Type.String(), licence: Type.String() }, { description: 'where the overview comes from when not from the catalog source (Wikipedia), and its licence' })),
  ),
});

const CatalogVersion = Type.String({ description: 'the catalog that answered: answers change only when it does' });

export const SearchAnswer = Type.Object({ catalogVersion: CatalogVersion, results: Type.Array(TitleHit) });
export const TitleAnswer = Type.Object({ catalogVersion: CatalogVersion, title: Title });
export const RankedAnswer = Type.Object({ catalogVersion: CatalogVersion, results: Type.Array(RankedTitle) });
const QueryTitle = Type.Object({ key: Type.String(), title: Type.String(), year: Nullable(Type.Number()), type: TitleType }, { description: 'the title asked about' });
export const SimilarAnswer = Type.Object({ catalogVersion: CatalogVersion, title: QueryTitle, results: Type.Array(RankedTitle) });
const Unknown = Type.Array(Type.String(), { description: 'references given that name no title of this catalog: skipped' });
export const RecommendAnswer = Type.Object({ catalogVersion: CatalogVersion, results: Type.Array(RankedTitle), unknown: Unknown });

export const GroupsAnswer = Type.Object({
  catalogVersion: CatalogVersion,
  groups: Type.Array(
    Type.Object({
      because: Type.Array(QueryTitle, { description: 'the most typical liked titles of the group, at most three' }),
      likes: Type.Number({ description: 'how many liked titles the group holds' }),
      results: Type.Array(RankedTitle),
    }),
    { description: 'liked titles close in meaning grouped (one group under a dozen likes), largest first, each with its own recommendations' },
  ),
  unknown: Unknown,
});
export const BlendAnswer = Type.Object({
  catalogVersion: CatalogVersion,
  results: Type.Array(
    Type.Intersect([
      RankedTitle,
      Type.Object({ closeTo: Type.Union([Type.Literal('first'), Type.Literal('second'), Type.Literal('both')], { description: 'whose likes it comes from' }) }),
    ]),
  ),
  unknown: Unknown,
});

const StageStatus = Type.Object({ state: Type.String(), error: Type.Optional(Type.String()), ms: Type.Optional(Type.Number()), device: Type.Optional(Type.String()) });
export const Stages = Type.Object({ catalog: StageStatus, index: StageStatus, model: StageStatus });

export const CatalogAnswer = Type.Object({
  catalogVersion: CatalogVersion,
  builtAt: Type.String(),
  source: Type.String(),
  counts: Type.Object({ titles: Type.Number(), movies: Type.Number(), shows: Type.Number() }),
  model: Type.Object({ id: Type.String(), dims: Type.Number(), dtype: Type.String(), maxTokens: Type.Number() }),
  index: Type.Object({ encoding: Type.String(), shortlist: Type.Number(), recallAt10: Type.Number() }),
  neighbours: Type.Object({ perTitle: Type.Number(), recallAt10: Type.Number(), graph: Type.Object({ M: Type.Number(), efConstruction: Type.Number(), efSearch: Type.Number() }) }),
  stages: Stages,
});

export const Readiness = Type.Object({ ready: Type.Boolean(), stages: Stages });
export const Health = Type.Object({ status: Type.Literal('ok') });

export const ErrorAnswer = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable: bad_parameter, unknown_parameter, missing_parameter, too_long, too_large, unknown_title, not_found, unsupported_media_type, loading, unavailable, internal' }),
      message: Type.String(),
      param: Type.Optional(Type.String({ description: 'the parameter at fault' })),
    }),
  },
  { description: 'what went wrong; never a stack trace' },
);
