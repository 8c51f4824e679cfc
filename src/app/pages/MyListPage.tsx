import { Link } from '../components/Link.tsx';
import { MarkButtons } from '../components/MarkButtons.tsx';
import { Notice } from '../components/Notice.tsx';
import { ResultList } from '../components/ResultList.tsx';
import { DEFAULT_OPTIONS } from '../routes.ts';
import { useApp } from '../store.ts';
import { useEngineAnswer } from '../useEngine.ts';

/** Titles I liked or have seen (kept in this browser), and recommendations from the liked ones. */
export function MyListPage() {
  const list = useApp((s) => s.list);
  const listError = useApp((s) => s.listError);
  const marks = [...list.values()];
  const liked = marks.filter((m) => m.liked).map((m) => m.id);
  const seen = new Set(marks.filter((m) => m.seen).map((m) => m.id));
  const recommended = useEngineAnswer('index', liked.length ? liked.join(',') : null, (e) => e.recommendFrom(liked, 20 + seen.size));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">My list</h1>
      {listError && <Notice tone="error" title="My list">{listError}</Notice>}
      {marks.length === 0 && <p>Nothing here yet. Mark titles with “Like” or “Seen it” and they are kept in this browser.</p>}
      <ul data-testid="my-list" className="divide-y divide-neutral-200 dark:divide-neutral-800">
        {marks.map((m) => (
          <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <Link to={{ page: 'movie', id: m.id, filters: {}, options: DEFAULT_OPTIONS }} className="font-medium text-amber-800 hover:underline dark:text-amber-300">
              {m.title} {m.year !== null && <span className="font-normal text-neutral-600 dark:text-neutral-400">({m.year})</span>}
            </Link>
            <MarkButtons entry={m} />
          </li>
        ))}
      </ul>
      {liked.length > 0 && (
        <section aria-labelledby="recommended" className="space-y-2">
          <h2 id="recommended" className="text-xl font-semibold">
            Recommended from the {liked.length} {liked.length === 1 ? 'title' : 'titles'} you liked
          </h2>
          {recommended?.state === 'waiting' && <p>Recommendations appear when the vector index has loaded.</p>}
          {recommended?.state === 'failed' && <Notice tone="error" title="Recommendations are unavailable">{recommended.error}</Notice>}
          {/* Titles already seen are left out; asking for that many more keeps 20. */}
          {recommended?.state === 'ready' && <ResultList results={recommended.data.filter((r) => !seen.has(r.entry.id)).slice(0, 20)} label="Recommended titles" answer={recommended.key} />}
        </section>
      )}
    </div>
  );
}
