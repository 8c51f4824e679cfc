import type { TitleHit } from '../../catalog/titleSearch.ts';

/** Title, year, type and the first line of the overview: enough to tell same-titled titles apart. */
export function TitleLine({ hit }: { hit: Pick<TitleHit, 'title' | 'year' | 'type' | 'overviewStart'> }) {
  return (
    <span className="block">
      <span className="font-medium">{hit.title}</span>
      <span className="text-neutral-600 dark:text-neutral-400">
        {' '}
        ({hit.year ?? 'year unknown'}
        {hit.type === 'show' ? ', show' : ''})
      </span>
      {hit.overviewStart && <span className="block truncate text-sm text-neutral-600 dark:text-neutral-400">{hit.overviewStart}</span>}
    </span>
  );
}
