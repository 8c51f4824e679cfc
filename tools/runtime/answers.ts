import type { CatalogEntry } from '../../src/catalog/record.ts';
import type { TitleHit } from '../../src/catalog/titleSearch.ts';
import type { RankedTitle } from '../../src/ranking/similar.ts';

/**
 * The JSON that answers carry outside the browser, the same for the query CLI and the HTTP
 * API. Catalog ids are positions in one build and never leave the engine: titles are
 * named by their stable key.
 */

export function rankedJson(r: RankedTitle) {
  const e = r.entry;
  return {
    key: e.key,
    title: e.title,
    year: e.year,
    type: e.type,
    genres: e.genres,
    runtime: e.runtime,
    language: e.language,
    rating: e.rating,
    votes: e.votes,
    ids: e.ids,
    score: Math.round(r.score * 10000) / 10000,
    why: r.why,
  };
}

export function hitJson({ id: _, ...hit }: TitleHit) {
  return hit;
}

export function titleJson({ id: _, ...entry }: CatalogEntry) {
  return entry;
}

export type RankedJson = ReturnType<typeof rankedJson>;
