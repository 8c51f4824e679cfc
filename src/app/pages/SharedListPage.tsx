import { useEffect, useState } from 'react';
import { errorMessage } from '../../engine/errorMessage.ts';
import type { BlendedTitle, CloseTo } from '../../ranking/blend.ts';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { RecommendedRows } from '../components/RecommendedRows.tsx';
import { ResultList } from '../components/ResultList.tsx';
import { DEFAULT_OPTIONS, type Route } from '../routes.ts';
import { decodeSharedList, type SharedList } from '../sharedList.ts';
import { useApp } from '../store.ts';
import { useEngineAnswer } from '../useEngine.ts';

/** Someone's list from a link: read-only, with recommendations from it, or blended with mine. */
export function SharedListPage({ route }: { route: Extract<Route, { page: 'shared' }> }) {
  const [shared, setShared] = useState<SharedList | { error: string }>();
  useEffect(() => {
    let current = true;
    decodeSharedList(route.list).then(
      (list) => current && setShared(list),
      (err: unknown) => current && setShared({ error: errorMessage(err) }),
    );
    return () => {
      current = false;
    };
  }, [route.list]);

  if (!shared) return <p role="status">Opening the shared list…</p>;
  if ('error' in shared) {
    return (
      <Notice tone="error" title="This shared list cannot be opened">
        {shared.error}
      </Notice>
    );
  }
  return <SharedListView list={shared} />;
}

function SharedListView({ list }: { list: SharedList }) {
  const mine = useApp((s) => s.list);
  const myLiked = [...mine.values()].filter((m) => m.liked).map((m) => m.key).sort();
  const mySeen = [...mine.values()].filter((m) => m.seen).map((m) => m.key).sort();
  const [blended, setBlended] = useState(false);
  const [hideSeen, setHideSeen] = useState(true);
  const whose = list.name ? `${list.name}’s` : 'the shared list’s';

  const titles = useEngineAnswer('catalog', JSON.stringify(list.liked), (e) => e.titlesOf(list.liked));
  const seen = hideSeen ? [...new Set([...list.seen, ...mySeen])] : [];
  const question = JSON.stringify([list.liked, blended && myLiked, seen]);
  const more = useEngineAnswer('index', blended ? null : question, (e) => e.recommendGroups(list.liked, 20, {}, seen));
  const both = useEngineAnswer('index', blended ? question : null, (e) => e.blend(myLiked, list.liked, 20, {}, seen));
  const closeTo: Record<CloseTo, string> = { first: 'close to your likes', second: `close to ${whose} likes`, both: 'close to both lists' };
  const answer = blended ? both : more;
  const found = titles?.state === 'ready' ? titles.data : [];

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{list.name ? <bdi>{`${list.name}’s list`}</bdi> : 'A shared list'}</h1>
      <p className="text-sm">
        {list.liked.length} liked and {list.seen.length} seen {list.liked.length + list.seen.length === 1 ? 'title' : 'titles'}, from a link. It is shown here, not added to your list.
      </p>
      {titles?.state === 'ready' && (
        <ul data-testid="shared-list" aria-label="Liked in the shared list" className="divide-y divide-neutral-200 dark:divide-neutral-800">
          {found.map((t) => (
            <li key={t.key} className="py-1">
              <Link to={{ page: 'movie', key: t.key, filters: {}, options: DEFAULT_OPTIONS }} className="font-medium text-amber-800 hover:underline dark:text-amber-300">
                <bdi>{t.title}</bdi> {t.year !== null && <span className="font-normal text-neutral-600 dark:text-neutral-400">({t.year})</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {titles?.state === 'ready' && found.length < list.liked.length && <p className="text-sm">{list.liked.length - found.length} of its titles are not in this catalog.</p>}
      {list.liked.length > 0 && (
        <section aria-labelledby="shared-recommended" className="space-y-2">
          <h2 id="shared-recommended" className="text-xl font-semibold">
            {blended ? `For you and ${list.name || 'the shared list'} together` : 'More like these'}
          </h2>
          <div className="flex flex-wrap gap-4 text-sm">
            <label>
              <input type="checkbox" checked={blended} disabled={!myLiked.length} onChange={(e) => setBlended(e.target.checked)} /> Blend with my list
              {!myLiked.length && ' (like some titles first)'}
            </label>
            <label>
              <input type="checkbox" checked={hideSeen} onChange={(e) => setHideSeen(e.target.checked)} /> Hide titles either of us has seen
            </label>
          </div>
          {answer?.state === 'waiting' && <p>Recommendations appear when the vector index has loaded.</p>}
          {answer?.state === 'failed' && <Notice tone="error" title="Recommendations are unavailable">{answer.error}</Notice>}
          {!blended && more?.state === 'ready' && <RecommendedRows groups={more.data} answer={more.key} stale={more.stale} />}
          {blended && both?.state === 'ready' && <ResultList results={both.data} label="Recommended for both" answer={both.key} stale={both.stale} note={(r: BlendedTitle) => closeTo[r.closeTo]} />}
        </section>
      )}
    </div>
  );
}
