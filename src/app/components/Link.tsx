import type { ReactNode } from 'react';
import { routeUrl, type Route } from '../routes.ts';
import { useApp } from '../store.ts';

/** A real link (copyable, opens in a new tab) that navigates inside the app on a plain click. */
export function Link({ to, className, children }: { to: Route; className?: string; children: ReactNode }) {
  const navigate = useApp((s) => s.navigate);
  return (
    <a
      href={routeUrl(to)}
      className={className}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
