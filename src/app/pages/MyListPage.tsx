import { ImportPanel } from '../components/ImportPanel.tsx';
import { Link } from '../components/Link.tsx';
import { MarkButtons } from '../components/MarkButtons.tsx';
import { Notice } from '../components/Notice.tsx';
import { RecommendedRows } from '../components/RecommendedRows.tsx';
import { ShareList } from '../components/ShareList.tsx';
import { UNMATCHED_KEY_PREFIX, type ListMark } from '../myList.ts';
import { DEFAULT_OPTIONS } from '../routes.ts';
import { useApp } from '../store.ts';
import { useEngineAnswer } from '../useEngine.ts';

/** Titles I liked or have seen (kept in this browser), and recommendations from the liked ones. */
export function MyListPage() {
  const list = useApp((s) => s.list);
  const missing = useApp((s) => s.missing);
  const listError = useApp((s) => s.listError);
  const marks = [...list.values()];
  const inCatalog = marks.filter((m) => !missing.has(m.key));
  const gone = marks.filter((m) => missing.has(m.key));
  // Marks kept by the first version of the app, until the catalog has told which titles they are.
  const pending = (m: ListMark) => m.key.startsWith(UNMATCHED_KEY_PREFIX);
  const liked = inCatalog.filter((m) => m.liked && !pending(m)).map((m) => m.key).sort();
  const seen = inCatalog.filter((m) => m.seen && !m.liked && !pending(m)).map((m) => m.key).sort();
  // The question is both lists: marking a title seen changes the answer, and the engine leaves seen titles out, so 20 stay 20.
  // A big history comes back in groups of likes close in meaning, a row each.
  const recommended = useEngineAnswer('index', liked.length ? JSON.stringify([liked, seen]) : null, (e) => e.recommendGroups(liked, 20, {}, seen));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">My list</h1>
      {listError && <Notice tone="error" title="My list">{listError}</Notice>}
      {marks.length === 0 && <p>Nothing here yet. Mark titles with “Like” or “Seen it”, or import your history below; they are kept in this browser.</p>}
      <ul data-testid="my-list" className="divide-y divide-neutral-200 dark:divide-neutral-800">
        {inCatalog.map((m) => (
          <li key={m.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
            {pending(m) ? (
              <span>
                <bdi>{m.title}</bdi> {m.year !== null && <span className="text-neutral-600 dark:text-neutral-400">({m.year})</span>} <span className="text-sm text-neutral-600 dark:text-neutral-400">(finding it in the catalog…)</span>
              </span>
            ) : (
              <Link to={{ page: 'movie', key: m.key, filters: {}, options: DEFAULT_OPTIONS }} className="font-medium text-amber-800 hover:underline dark:text-amber-300">
                <bdi>{m.title}</bdi> {m.year !== null && <span className="font-normal text-neutral-600 dark:text-neutral-400">({m.year})</span>}
              </Link>
            )}
            <MarkButtons entry={m} />
          </li>
        ))}
      </ul>
      {gone.length > 0 && (
        <section aria-labelledby="not-in-catalog" className="space-y-2">
          <h2 id="not-in-catalog" className="text-lg font-semibold">Not in this catalog</h2>
          <p className="text-sm text-neutral-600 dark:text-neutral-400">
            {gone.length === 1 ? 'This title is' : 'These titles are'} in your list but not in the catalog this site has now. They stay in your list, and come back if the catalog has them again.
          </p>
          <ul data-testid="not-in-catalog" className="divide-y divide-neutral-200 dark:divide-neutral-800">
            {gone.map((m) => (
              <li key={m.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <bdi>{m.title}</bdi> {m.year !== null && <span className="text-neutral-600 dark:text-neutral-400">({m.year})</span>}
                </span>
                <MarkButtons entry={m} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {liked.length > 0 && (
        <section aria-labelledby="recommended" className="space-y-2">
          <h2 id="recommended" className="text-xl font-semibold">
            Recommended from the {liked.length} {liked.length === 1 ? 'title' : 'titles'} you liked
          </h2>
          {recommended?.state === 'waiting' && <p>Recommendations appear when the vector index has loaded.</p>}
          {recommended?.state === 'failed' && <Notice tone="error" title="Recommendations are unavailable">{recommended.error}</Notice>}
          {recommended?.state === 'ready' && <RecommendedRows groups={recommended.data} answer={recommended.key} stale={recommended.stale} />}
        </section>
      )}
      <ShareList liked={liked} seen={seen} />
      <ImportPanel />
    </div>
  );
}

