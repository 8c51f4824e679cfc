import type { ReactNode } from 'react';
import type { Filters } from '../../ranking/filters.ts';

/**
 * The filter panel beside the results on wide screens; on a phone it comes first, folded,
 * so the results are not pushed below a screenful of controls.
 */
export function FiltersAside({ label, filters, children }: { label: string; filters: Filters; children: ReactNode }) {
  const wide = typeof matchMedia === 'function' && matchMedia('(min-width: 1024px)').matches;
  const active = Object.keys(filters).length;
  return (
    <aside aria-label={label} className="order-first lg:order-none lg:sticky lg:top-4 lg:self-start">
      <details open={wide} className="rounded-lg border border-neutral-200 p-3 dark:border-neutral-800">
        <summary className="cursor-pointer font-medium">Filters{active ? ` (${active} set)` : ''}</summary>
        <div className="mt-3">{children}</div>
      </details>
    </aside>
  );
}
