import type { ReactNode } from 'react';
import { Link } from './components/Link.tsx';
import { LoadingStatus } from './components/LoadingStatus.tsx';
import { Notice } from './components/Notice.tsx';
import { useApp } from './store.ts';
import { useManifest } from './useManifest.ts';

const navLink = 'rounded px-2 py-1 hover:bg-neutral-200 dark:hover:bg-neutral-800';

export function Layout({ children }: { children: ReactNode }) {
  const page = useApp((s) => s.route.page);
  const manifest = useManifest();
  const catalog = useApp((s) => s.engine.catalog);
  const current = (p: string) => (page === p ? 'page' : undefined);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-neutral-200 dark:border-neutral-800">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3">
          <Link to={{ page: 'home' }} className="text-xl font-bold tracking-tight text-amber-800 dark:text-amber-400">
            Marquee
          </Link>
          <span className="flex-1" />
          <span aria-current={current('home')}>
            <Link to={{ page: 'home' }} className={navLink}>
              Search
            </Link>
          </span>
          <span aria-current={current('discover')}>
            <Link to={{ page: 'discover', text: '', filters: {} }} className={navLink}>
              Describe
            </Link>
          </span>
          <span aria-current={current('list')}>
            <Link to={{ page: 'list' }} className={navLink}>
              My list
            </Link>
          </span>
        </nav>
      </header>
      <LoadingStatus />
      <main className="mx-auto w-full max-w-5xl flex-1 space-y-4 px-4 py-6">
        {catalog.state === 'failed' && (
          <Notice tone="error" title="The catalog could not be loaded">
            {catalog.error}. Nothing can be searched without it; my list is still here. Reload the page to try again.
          </Notice>
        )}
        {children}
      </main>
      <footer className="border-t border-neutral-200 px-4 py-3 text-center text-xs text-neutral-600 dark:border-neutral-800 dark:text-neutral-400" data-testid="catalog-status">
        {manifest.status === 'ready' && `${manifest.manifest.counts.titles.toLocaleString()} titles, catalog version ${manifest.manifest.version}. Everything runs in your browser.`}
        {manifest.status === 'error' && <span className="text-red-700 dark:text-red-400">{manifest.message}</span>}
      </footer>
    </div>
  );
}
