import { Fragment, type ReactNode } from 'react';

/**
 * Catalog strings (names, genres) joined by `separator`, each in its own `<bdi>`: a
 * right-to-left one, or one with a stray bidi control, cannot reorder its neighbours.
 */
export function Isolated({ items, separator = ', ' }: { items: ReactNode[]; separator?: string }) {
  return items.map((item, i) => (
    <Fragment key={i}>
      {i > 0 && separator}
      <bdi>{item}</bdi>
    </Fragment>
  ));
}
