import { canonicalFilters } from '../../ranking/filterParams.ts';
import type { Facets } from '../../catalog/facets.ts';
import type { Filters } from '../../ranking/filters.ts';
import { isUnfiltered } from '../../ranking/filters.ts';
import { cycleGenre, genreState, withoutEmpty } from '../filterEdits.ts';
import type { ResultOptions } from '../routes.ts';

interface Props {
  facets: Facets | null;
  filters: Filters;
  onFilters(filters: Filters): void;
  /** Movie page only: franchise and popularity. */
  options?: ResultOptions;
  onOptions?(options: ResultOptions): void;
}

const field = 'w-full rounded border border-neutral-300 bg-white px-2 py-1 dark:border-neutral-600 dark:bg-neutral-900';

/** Narrows results: genres in and out, year and runtime ranges, language, rating, votes, movies or shows. */
export function FilterPanel({ facets, filters, onFilters, options, onOptions }: Props) {
  const set = (patch: Partial<Filters>) => onFilters(canonicalFilters(withoutEmpty({ ...filters, ...patch })));
  const number = (value: string) => (value.trim() === '' || !Number.isFinite(Number(value)) ? undefined : Number(value));

  return (
    <form aria-label="Filters" className="space-y-4 text-sm" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend className="mb-1 font-medium">Genres (click: include, again: exclude)</legend>
        <div className="flex flex-wrap gap-1">
          {(facets?.genres ?? []).map(({ value }) => {
            const state = genreState(filters, value);
            return (
              <button
                key={value}
                type="button"
                aria-label={`${value}: ${state}`}
                onClick={() => onFilters(cycleGenre(filters, value))}
                className={`rounded-full border px-2 py-0.5 ${state === 'included' ? 'border-sky-700 bg-sky-100 text-sky-900 dark:border-sky-400 dark:bg-sky-900/50 dark:text-sky-100' : state === 'excluded' ? 'border-red-700 bg-red-50 text-red-800 line-through dark:border-red-400 dark:bg-red-900/40 dark:text-red-100' : 'border-neutral-300 dark:border-neutral-600'}`}
              >
                {value}
              </button>
            );
          })}
        </div>
      </fieldset>

      <div className="grid grid-cols-2 gap-3">
        <Range label="Year" min={filters.yearMin} max={filters.yearMax} bounds={facets?.years ?? undefined} onChange={(yearMin, yearMax) => set({ yearMin, yearMax })} parse={number} />
        <Range label="Runtime (min)" min={filters.runtimeMin} max={filters.runtimeMax} onChange={(runtimeMin, runtimeMax) => set({ runtimeMin, runtimeMax })} parse={number} />
        <label className="block">
          <span className="mb-1 block font-medium">Minimum rating</span>
          <input type="number" min={0} max={10} step={0.5} className={field} value={filters.minRating ?? ''} onChange={(e) => set({ minRating: number(e.target.value) })} />
        </label>
        <label className="block">
          <span className="mb-1 block font-medium">Minimum votes</span>
          <input type="number" min={0} step={100} className={field} value={filters.minVotes ?? ''} onChange={(e) => set({ minVotes: number(e.target.value) })} />
        </label>
        {facets && facets.languages.length > 0 && (
          <label className="block">
            <span className="mb-1 block font-medium">Language</span>
            <select className={field} value={filters.language ?? ''} onChange={(e) => set({ language: e.target.value || undefined })}>
              <option value="">Any</option>
              {facets.languages.map((l) => (
                <option key={l.value} value={l.value}>
                  {l.value} ({l.titles})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="block">
          <span className="mb-1 block font-medium">Movies or shows</span>
          <select className={field} value={filters.type ?? ''} onChange={(e) => set({ type: (e.target.value || undefined) as Filters['type'] })}>
            <option value="">Both</option>
            <option value="movie">Movies</option>
            <option value="show">Shows</option>
          </select>
        </label>
      </div>

      {options && onOptions && (
        <div className="space-y-2">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={options.hideFranchise} onChange={(e) => onOptions({ ...options, hideFranchise: e.target.checked })} />
            Hide the same franchise (sequels, remakes)
          </label>
          <label className="block">
            <span className="mb-1 block font-medium">Favour popular titles: {Math.round(options.popularity * 100)}%</span>
            <input type="range" min={0} max={1} step={0.1} className="w-full accent-amber-600" value={options.popularity} onChange={(e) => onOptions({ ...options, popularity: Number(e.target.value) })} />
          </label>
        </div>
      )}

      {!isUnfiltered(filters) && (
        <button type="button" className="rounded border border-neutral-400 px-3 py-1 dark:border-neutral-500" onClick={() => onFilters({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}

function Range(props: { label: string; min?: number; max?: number; bounds?: { min: number; max: number }; parse(v: string): number | undefined; onChange(min?: number, max?: number): void }) {
  return (
    <fieldset>
      <legend className="mb-1 font-medium">{props.label}</legend>
      <div className="flex items-center gap-1">
        <input aria-label={`${props.label} from`} type="number" className={field} placeholder={props.bounds ? String(props.bounds.min) : 'from'} value={props.min ?? ''} onChange={(e) => props.onChange(props.parse(e.target.value), props.max)} />
        <span aria-hidden="true">–</span>
        <input aria-label={`${props.label} to`} type="number" className={field} placeholder={props.bounds ? String(props.bounds.max) : 'to'} value={props.max ?? ''} onChange={(e) => props.onChange(props.min, props.parse(e.target.value))} />
      </div>
    </fieldset>
  );
}
