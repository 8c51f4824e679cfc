import { useId, useState } from 'react';
import type { TitleHit } from '../../catalog/titleSearch.ts';
import { DEFAULT_OPTIONS } from '../routes.ts';
import { useApp } from '../store.ts';
import { useEngineAnswer } from '../useEngine.ts';
import { TitleLine } from './TitleLine.tsx';

/**
 * The title search box with typeahead (the ARIA combobox pattern): arrows move through
 * the suggestions, Enter opens the highlighted one, or with none highlighted lists every
 * match, where same-titled titles are told apart.
 */
export function SearchBox({ initial = '', autoFocus = false }: { initial?: string; autoFocus?: boolean }) {
  const navigate = useApp((s) => s.navigate);
  const [typed, setTyped] = useState(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const query = typed.trim();
  const answer = useEngineAnswer('catalog', query ? query : null, (engine) => engine.searchTitles(query, 8));
  const hits: TitleHit[] = answer?.state === 'ready' ? answer.data : [];
  const expanded = open && query !== '' && answer !== null;

  const openTitle = (hit: TitleHit) => {
    setOpen(false);
    navigate({ page: 'movie', key: hit.key, filters: {}, options: DEFAULT_OPTIONS });
  };
  const submit = () => {
    if (active >= 0 && hits[active]) return openTitle(hits[active]);
    if (query) {
      setOpen(false);
      navigate({ page: 'search', q: query });
    }
  };

  return (
    <form
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        Search a movie or show by title
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder="A movie you liked, e.g. Now You See Me"
        className="w-full rounded-lg border border-neutral-300 bg-white px-4 py-3 text-lg outline-none focus:border-amber-500 focus:ring-2 focus:ring-amber-500/40 dark:border-neutral-700 dark:bg-neutral-900"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && hits.length) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % hits.length);
          } else if (e.key === 'ArrowUp' && hits.length) {
            e.preventDefault();
            setActive((a) => (a <= 0 ? hits.length - 1 : a - 1));
          } else if (e.key === 'Escape') {
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      {expanded && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching titles"
          data-testid="typeahead"
          data-answer={answer.state === 'ready' ? answer.key : undefined}
          aria-busy={answer.state === 'ready' && answer.stale}
          className="absolute z-20 mt-1 max-h-[70vh] w-full overflow-y-auto rounded-lg border border-neutral-200 bg-white shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
        >
          {answer.state === 'waiting' && <li className="px-4 py-2 text-neutral-600 dark:text-neutral-400">Title search is loading…</li>}
          {answer.state === 'failed' && <li className="px-4 py-2 text-red-700 dark:text-red-400">Title search is unavailable: {answer.error}</li>}
          {answer.state === 'ready' && !answer.stale && hits.length === 0 && <li className="px-4 py-2 text-neutral-600 dark:text-neutral-400">No title matches “<bdi>{query}</bdi>”.</li>}
          {hits.map((hit, i) => (
            <li
              key={hit.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-4 py-2 ${i === active ? 'bg-amber-100 dark:bg-amber-900/40' : 'hover:bg-neutral-100 dark:hover:bg-neutral-800'}`}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                openTitle(hit);
              }}
            >
              <TitleLine hit={hit} />
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
