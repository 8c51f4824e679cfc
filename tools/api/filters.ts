import { describeProblem, FILTER_PARAMS, parseFilterParams, type FilterParams } from '../../src/ranking/filterParams.ts';
import { badParameter } from './errors.ts';

/**
 * Filters from a validated query string (`genre` may repeat) or a recommend body's
 * `filters` object, read by the one grammar the CLI and the app use; the first problem is
 * a 400 naming its parameter as the client wrote it (`filters.year` in a body).
 */
export function filtersFrom(given: Record<string, unknown>, where: 'query' | 'body'): FilterParams {
  const prefix = where === 'body' ? 'filters.' : '';
  const pairs: [string, string][] = [];
  for (const name of FILTER_PARAMS) {
    const value = given[name];
    if (value === undefined) continue;
    // A list in JSON holds single values: a comma inside one is a character, not a separator.
    if (Array.isArray(value)) for (const one of value) pairs.push([name, where === 'body' ? String(one).replace(/[\\,]/g, '\\$&') : String(one)]);
    else pairs.push([name, String(value)]);
  }
  const { params, problems } = parseFilterParams(pairs);
  const [problem] = problems;
  if (problem) throw badParameter(prefix + problem.param, describeProblem(problem, prefix));
  return params;
}
