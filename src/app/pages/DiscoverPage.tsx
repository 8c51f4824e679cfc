import { useState } from 'react';
import { FilterPanel } from '../components/FilterPanel.tsx';
import { FiltersAside } from '../components/FiltersAside.tsx';
import { Notice } from '../components/Notice.tsx';
import { ResultList } from '../components/ResultList.tsx';
import { failureText, STAGE_NAMES, stillWorks } from '../components/stageText.ts';
import type { Stage } from '../../engine/engine.ts';
import type { Route } from '../routes.ts';
import { useApp } from '../store.ts';
import { useEngineAnswer } from '../useEngine.ts';

const FREE_TEXT_NEEDS: Stage[] = ['catalog', 'index', 'model'];

/** "Describe what you want to watch": free text embedded in the browser, then the same ranking. */
export function DiscoverPage({ route }: { route: Extract<Route, { page: 'discover' }> }) {
  const navigate = useApp((s) => s.navigate);
  // Free text needs the catalog, the index and the model: any one failing disables it, and the notice says why.
  const down = useApp((s) => FREE_TEXT_NEEDS.find((stage) => s.engine[stage].state === 'failed'));
  const why = useApp((s) => (down ? failureText(s.engine[down]) : ''));
  const working = useApp((s) => stillWorks(s.engine));
  const [text, setText] = useState(route.text);
  const { filters } = route;
  const query = route.text.trim();
  const results = useEngineAnswer(FREE_TEXT_NEEDS, query ? JSON.stringify([query, filters]) : null, (e) => e.searchText(query, 20, filters));
  const facets = useEngineAnswer('catalog', 'facets', (e) => e.facets());
  const failed = Boolean(down);

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-4">
        <h1 className="text-2xl font-semibold">Describe what you want to watch</h1>
        <form
          className="flex flex-col gap-2 sm:flex-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) navigate({ page: 'discover', text: text.trim(), filters });
          }}
        >
          <label htmlFor="describe" className="sr-only">
            Describe a movie in your own words
          </label>
          <input
            id="describe"
            className="min-w-0 flex-1 rounded-lg border border-neutral-300 bg-white px-4 py-3 disabled:opacity-60 dark:border-neutral-700 dark:bg-neutral-900"
            placeholder="a heist by stage magicians"
            value={text}
            disabled={failed}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" disabled={failed} className="rounded-lg bg-amber-700 px-5 py-3 font-medium text-white disabled:opacity-60">
            Find titles
          </button>
        </form>
        {failed && (
          <Notice tone="error" title="Free-text search is unavailable">
            {STAGE_NAMES[down!]} did not load ({why}). {working}
          </Notice>
        )}
        {results?.state === 'waiting' && <p className="text-neutral-600 dark:text-neutral-400">Results appear when the language model and the vector index have loaded (see the progress above).</p>}
        {results?.state === 'failed' && !failed && <Notice tone="error" title="The search failed">{results.error}</Notice>}
        {results?.state === 'ready' && !results.stale && results.data.length === 0 && (
          <Notice tone="info" title="No title passes these filters">
            <button type="button" className="underline" onClick={() => navigate({ ...route, filters: {} }, { replace: true })}>
              Clear the filters
            </button>
          </Notice>
        )}
        {results?.state === 'ready' && results.data.length > 0 && <ResultList results={results.data} label={`Titles matching “${query}”`} answer={results.key} stale={results.stale} />}
      </div>
      <FiltersAside label="Filter results" filters={filters}>
        <FilterPanel facets={facets?.state === 'ready' ? facets.data : null} filters={filters} onFilters={(f) => navigate({ ...route, filters: f }, { replace: true })} />
      </FiltersAside>
    </div>
  );
}
