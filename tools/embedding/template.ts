import { genreName } from '../../src/catalog/genres.ts';
import type { TitleRecord } from '../../src/catalog/record.ts';

/**
 * The text embedded for a title, as in the original system:
 *
 *   `{title}: {overview} - {tagline} Genres: {genre}, {genre}`
 *
 * Empty parts drop out with their separators: no overview gives `{title}: {tagline} ...`,
 * neither overview nor tagline gives `{title} Genres: ...`, no genres drops ` Genres: ...`.
 * Whitespace runs (newlines in plots) collapse to one space.
 */
/** The template in the words of the manifest. */
export const EMBEDDING_TEMPLATE = '{title}: {overview} - {tagline} Genres: {genres}';

export function embeddingText(r: Pick<TitleRecord, 'title' | 'overview' | 'tagline' | 'genres'>): string {
  const body = [r.overview, r.tagline].map(clean).filter(Boolean).join(' - ');
  const head = body ? `${clean(r.title)}: ${body}` : clean(r.title);
  return r.genres.length ? `${head} Genres: ${r.genres.map(genreName).join(', ')}` : head;
}

function clean(s: string | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
