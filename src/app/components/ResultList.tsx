import { personReason } from '../../ranking/explain.ts';
import type { RankedTitle } from '../../ranking/similar.ts';
import { DEFAULT_OPTIONS } from '../routes.ts';
import { Link } from './Link.tsx';
import { MarkButtons } from './MarkButtons.tsx';

/**
 * Ranked titles, each with its score and why it came up. All catalog text is rendered as
 * text, and isolated (`<bdi>`, `dir="auto"`): a right-to-left title or a stray bidi control
 * in it must not reorder the year and runtime beside it. `stale`: these answer an earlier
 * question (the filters just changed), so they are marked busy until the new ones arrive.
 * `note`: one more reason chip per result (a blend says whose likes it is close to).
 */
export function ResultList<T extends RankedTitle>({ results, label, answer, stale = false, note }: { results: T[]; label: string; answer: string; stale?: boolean; note?: (result: T) => string }) {
  return (
    <ol aria-label={label} aria-busy={stale} data-testid="results" data-answer={answer} className={`divide-y divide-neutral-200 dark:divide-neutral-800 ${stale ? 'opacity-60' : ''}`}>
      {results.map((result, i) => {
        const { entry, why } = result;
        return (
        <li key={entry.key} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <p>
              <span className="mr-2 text-neutral-500 tabular-nums dark:text-neutral-400">{i + 1}.</span>
              <Link to={{ page: 'movie', key: entry.key, filters: {}, options: DEFAULT_OPTIONS }} className="font-medium text-amber-800 underline-offset-2 hover:underline dark:text-amber-300">
                <bdi>{entry.title}</bdi>
              </Link>
              <span className="text-neutral-600 dark:text-neutral-400">
                {' '}
                ({[entry.year, entry.type === 'show' ? 'show' : null, entry.runtime ? `${entry.runtime} min` : null, entry.rating !== null ? `★ ${entry.rating.toFixed(1)}` : null].filter(Boolean).join(' · ')})
              </span>
            </p>
            {entry.overview && (
              <p dir="auto" className="line-clamp-2 text-sm text-neutral-700 dark:text-neutral-300">
                {entry.overview}
              </p>
            )}
            <p className="mt-1 flex flex-wrap gap-1 text-xs" aria-label="Why it is similar">
              <span className="rounded bg-neutral-200 px-2 py-0.5 tabular-nums dark:bg-neutral-800" title="similarity in meaning">
                {Math.round(why.similarity * 100)}% match
              </span>
              {note && <span className="rounded bg-rose-100 px-2 py-0.5 text-rose-900 dark:bg-rose-900/50 dark:text-rose-100">{note(result)}</span>}
              {why.sameSeries && <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">same series</span>}
              {why.sharedPeople.map((p) => (
                <span key={`p-${p.role}-${p.name}`} className="rounded bg-violet-100 px-2 py-0.5 text-violet-900 dark:bg-violet-900/50 dark:text-violet-100">
                  <bdi>{personReason(p)}</bdi>
                </span>
              ))}
              {why.sharedGenres.map((g) => (
                <span key={`g-${g}`} className="rounded bg-sky-100 px-2 py-0.5 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100">
                  <bdi>{g}</bdi>
                </span>
              ))}
              {why.sharedWords.map((w) => (
                <span key={`w-${w}`} className="rounded bg-emerald-100 px-2 py-0.5 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100">
                  “<bdi>{w}</bdi>”
                </span>
              ))}
            </p>
          </div>
          <MarkButtons entry={entry} />
        </li>
        );
      })}
    </ol>
  );
}
