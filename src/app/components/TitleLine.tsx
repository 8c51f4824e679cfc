import type { TitleHit } from '../../catalog/titleSearch.ts';

/**
 * Title, year, type and the first line of the overview: enough to tell same-titled titles apart.
 * Catalog text is isolated (`<bdi>`, `dir="auto"`): a right-to-left title or a stray bidi
 * control in it must not reorder the year beside it.
 */
export function TitleLine({ hit }: { hit: Pick<TitleHit, 'title' | 'year' | 'type' | 'overviewStart'> }) {
  return (
    <span className="block">
      <bdi className="font-medium">{hit.title}</bdi>
      <span className="text-neutral-600 dark:text-neutral-400">
        {' '}
        ({hit.year ?? 'year unknown'}
        {hit.type === 'show' ? ', show' : ''})
      </span>
      {hit.overviewStart && (
        <span dir="auto" className="block truncate text-sm text-neutral-600 dark:text-neutral-400">
          {hit.overviewStart}
        </span>
      )}
    </span>
  );
}
