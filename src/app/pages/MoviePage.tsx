import { useState } from 'react';
import type { TextCredit } from '../../catalog/record.ts';
import { isUnfiltered } from '../../ranking/filters.ts';
import { FilterPanel } from '../components/FilterPanel.tsx';
import { FiltersAside } from '../components/FiltersAside.tsx';
import { Isolated } from '../components/Isolated.tsx';
import { MarkButtons } from '../components/MarkButtons.tsx';
import { Notice } from '../components/Notice.tsx';
import { ResultList } from '../components/ResultList.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { stillWorks } from '../components/stageText.ts';
import type { Route } from '../routes.ts';
import { useApp } from '../store.ts';
import { useEngineAnswer } from '../useEngine.ts';

const PAGE = 20;

/** A title's details and the titles most like it, under the filters in the URL. */
export function MoviePage({ route }: { route: Extract<Route, { page: 'movie' }> }) {
  const navigate = useApp((s) => s.navigate);
  const working = useApp((s) => stillWorks(s.engine));
  const catalogReady = useApp((s) => s.engine.catalog.state === 'ready');
  const [k, setK] = useState(PAGE);
  const { key, filters, options } = route;
  const title = useEngineAnswer('catalog', `title ${key}`, (e) => e.title(key));
  const facets = useEngineAnswer('catalog', 'facets', (e) => e.facets());
  const entry = title?.state === 'ready' ? title.data : undefined;
  // Asked at once, not after the title: a click on a result waits for one round trip, not two.
  const similar = useEngineAnswer(['catalog', 'index'], JSON.stringify([key, filters, options, k]), (e) =>
    e.similar(key, k, filters, { hideOwnFranchise: options.hideFranchise, popularityBoost: options.popularity }),
  );

  // The catalog answered, but not with a title: the link names none it has, or is no title reference at all.
  const unknown = (title?.state === 'ready' && !entry) || (title?.state === 'failed' && catalogReady);
  if (unknown) {
    return (
      <div className="space-y-4">
        <Notice tone="error" title="Unknown title">
          {title.state === 'failed' ? <bdi>{title.error}</bdi> : <>This catalog has no title <bdi>{key}</bdi>.</>} The link may come from another catalog version. Search for it by name instead:
        </Notice>
        <SearchBox autoFocus />
      </div>
    );
  }
  if (title?.state === 'failed') {
    return (
      <Notice tone="error" title="The catalog is unavailable">
        {title.error}. {working}
      </Notice>
    );
  }
  if (!entry) return <p className="text-neutral-600 dark:text-neutral-400">Loading the title…</p>;

  const directors = entry.credits.filter((c) => c.job === 'Director').map((c) => c.name);
  const cast = entry.credits.filter((c) => c.role === 'cast').slice(0, 5).map((c) => c.name);
  const replace = (patch: Partial<typeof route>) => navigate({ ...route, ...patch }, { replace: true });

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-6">
        <article aria-labelledby="title" className="space-y-2">
          <h1 id="title" className="text-3xl font-bold tracking-tight">
            <bdi>{entry.title}</bdi> <span className="font-normal text-neutral-600 dark:text-neutral-400">({entry.year ?? 'year unknown'})</span>
          </h1>
          <p className="text-sm text-neutral-700 dark:text-neutral-300">
            <Isolated
              separator=" · "
              items={[
                entry.type === 'show' ? 'Show' : 'Movie',
                entry.runtime ? `${entry.runtime} min` : null,
                entry.rating !== null ? `★ ${entry.rating.toFixed(1)}` : null,
                entry.votes !== null ? `${entry.votes.toLocaleString()} votes` : null,
                entry.language,
                entry.genres.length > 0 ? <Isolated items={entry.genres} /> : null,
              ].filter(Boolean)}
            />
          </p>
          {entry.tagline && (
            <p dir="auto" className="italic">
              {entry.tagline}
            </p>
          )}
          {entry.overview && (
            <p dir="auto" className="max-w-prose">
              {entry.overview}
            </p>
          )}
          {entry.overview && entry.textCredit && <TextCreditLine credit={entry.textCredit} />}
          {directors.length > 0 && (
            <p className="text-sm">
              Directed by <Isolated items={directors} />
            </p>
          )}
          {cast.length > 0 && (
            <p className="text-sm">
              With <Isolated items={cast} />
            </p>
          )}
          <MarkButtons entry={entry} />
        </article>

        <section aria-labelledby="similar-heading" className="space-y-2">
          <h2 id="similar-heading" className="text-xl font-semibold">
            Similar titles
          </h2>
          {similar?.state === 'waiting' && <p className="text-neutral-600 dark:text-neutral-400">Similar titles appear when the vector index has loaded (see the progress above).</p>}
          {similar?.state === 'failed' && <Notice tone="error" title="Similar titles are unavailable">{similar.error}. Title search still works.</Notice>}
          {similar?.state === 'ready' && !similar.stale && similar.data.length === 0 && (
            <Notice tone="info" title="No title passes these filters">
              {isUnfiltered(filters) ? (
                'Nothing else in the catalog is like this title.'
              ) : (
                <button type="button" className="underline" onClick={() => replace({ filters: {} })}>
                  Clear the filters to see similar titles
                </button>
              )}
            </Notice>
          )}
          {similar?.state === 'ready' && similar.data.length > 0 && (
            <>
              <ResultList results={similar.data} label={`Titles similar to ${entry.title}`} answer={similar.key} stale={similar.stale} />
              {similar.data.length === k && (
                <button type="button" className="rounded border border-neutral-400 px-4 py-2 dark:border-neutral-500" onClick={() => setK(k + PAGE)}>
                  Show {PAGE} more
                </button>
              )}
            </>
          )}
        </section>
      </div>
      <FiltersAside label="Filter similar titles" filters={filters}>
        <FilterPanel
          facets={facets?.state === 'ready' ? facets.data : null}
          filters={filters}
          onFilters={(f) => replace({ filters: f })}
          options={options}
          onOptions={(o) => replace({ options: o })}
        />
      </FiltersAside>
    </div>
  );
}

/** Where a summary from elsewhere comes from, with its licence: "Summary from Wikipedia, CC BY-SA 4.0". */
function TextCreditLine({ credit }: { credit: TextCredit }) {
  // Only a web address is a link: the credit is third-party data, like the text it credits.
  const safe = /^https:\/\//.test(credit.url);
  return (
    <p className="text-xs text-neutral-600 dark:text-neutral-400" data-testid="text-credit">
      Summary from {safe ? <a href={credit.url} rel="noopener noreferrer" target="_blank" className="underline">{credit.source}</a> : credit.source}, {credit.licence}
    </p>
  );
}
