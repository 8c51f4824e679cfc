import { useEffect } from 'react';
import { titleWords } from '../../catalog/titleIndex.ts';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { TitleLine } from '../components/TitleLine.tsx';
import { DEFAULT_OPTIONS, type Route } from '../routes.ts';
import { useApp } from '../store.ts';
import { useEngineAnswer } from '../useEngine.ts';

/**
 * Every title matching a search. One exact match opens directly; several titles of the
 * same name (King Kong 1976 and 2005) are listed with year and plot to pick from.
 */
export function SearchPage({ route }: { route: Extract<Route, { page: 'search' }> }) {
  const navigate = useApp((s) => s.navigate);
  const answer = useEngineAnswer('catalog', route.q, (e) => e.searchTitles(route.q, 30));
  const hits = answer?.state === 'ready' ? answer.data : [];
  const typed = titleWords(route.q).join(' ');
  const exact = hits.filter((h) => titleWords(h.title).join(' ') === typed);

  useEffect(() => {
    if (exact.length === 1) navigate({ page: 'movie', key: exact[0]!.key, filters: {}, options: DEFAULT_OPTIONS }, { replace: true });
  }, [exact.length === 1 ? exact[0]!.key : null]);

  return (
    <div className="space-y-4">
      <SearchBox initial={route.q} />
      <h1 className="text-2xl font-semibold">
        {/* What was typed may be right-to-left too: isolated like catalog text. */}
        {exact.length > 1 ? (
          <>
            {exact.length} titles are called “<bdi>{route.q}</bdi>”: which one?
          </>
        ) : (
          <>
            Titles matching “<bdi>{route.q}</bdi>”
          </>
        )}
      </h1>
      {answer?.state === 'waiting' && <p>Title search is loading…</p>}
      {answer?.state === 'failed' && (
        <Notice tone="error" title="Title search is unavailable">
          {answer.error}. My list still works.
        </Notice>
      )}
      {/* A title prop is text: the query is isolated with FSI and PDI, the characters <bdi> stands for. */}
      {answer?.state === 'ready' && hits.length === 0 && <Notice tone="info" title={`No title matches “\u2068${route.q}\u2069”`}>Check the spelling, or describe the movie in your own words.</Notice>}
      <ul data-testid="search-results" className="divide-y divide-neutral-200 dark:divide-neutral-800">
        {(exact.length > 1 ? exact : hits).map((hit) => (
          <li key={hit.key} className="py-2">
            <Link to={{ page: 'movie', key: hit.key, filters: {}, options: DEFAULT_OPTIONS }} className="block rounded hover:bg-neutral-100 dark:hover:bg-neutral-900">
              <TitleLine hit={hit} />
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
