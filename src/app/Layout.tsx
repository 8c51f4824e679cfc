import type { ReactNode } from 'react';
import { Link } from './components/Link.tsx';
import { LoadingStatus } from './components/LoadingStatus.tsx';
import { Banners } from './components/Banners.tsx';
import { useApp } from './store.ts';
import { useEngineAnswer } from './useEngine.ts';

const navLink = 'rounded px-2 py-1 hover:bg-neutral-200 dark:hover:bg-neutral-800';

export function Layout({ children }: { children: ReactNode }) {
  const page = useApp((s) => s.route.page);
  const info = useEngineAnswer('catalog', 'catalog info', (e) => e.catalogInfo());
  const online = useApp((s) => s.online);
  const install = useApp((s) => s.install);
  const storage = useApp((s) => s.storage);
  const current = (p: string) => (page === p ? 'page' : undefined);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-neutral-200 dark:border-neutral-800">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-4 px-4 py-3">
          <Link to={{ page: 'home' }} className="text-xl font-bold tracking-tight text-amber-800 dark:text-amber-400">
            Marquee
          </Link>
          {!online && (
            <span role="status" className="rounded-full bg-neutral-800 px-2 py-0.5 text-xs font-medium text-white dark:bg-neutral-200 dark:text-neutral-900">
              Offline
            </span>
          )}
          <span className="flex-1" />
          {install && (
            <button type="button" onClick={() => void install()} className="rounded border border-amber-700 px-2 py-1 text-sm text-amber-800 dark:border-amber-400 dark:text-amber-300">
              Install app
            </button>
          )}
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
        <Banners />
        {children}
      </main>
      <footer className="border-t border-neutral-200 px-4 py-3 text-center text-xs text-neutral-600 dark:border-neutral-800 dark:text-neutral-400" data-testid="catalog-status">
        {info?.state === 'ready' && info.data && `${info.data.titles.toLocaleString()} titles, catalog version ${info.data.version}. Everything runs in your browser.`}
        {storage && (
          <span data-testid="storage">
            {' '}
            Kept offline: {(storage.usage / 1e6).toFixed(0)} MB{storage.persisted ? ', in persistent storage' : ', which the browser may clear when space runs low'}.
          </span>
        )}
      </footer>
    </div>
  );
}
