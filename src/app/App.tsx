import { Layout } from './Layout.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Notice } from './components/Notice.tsx';
import { DiscoverPage } from './pages/DiscoverPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { MoviePage } from './pages/MoviePage.tsx';
import { MyListPage } from './pages/MyListPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SharedListPage } from './pages/SharedListPage.tsx';
import type { Route } from './routes.ts';
import { useApp } from './store.ts';

/** What each page is called when it fails. */
const PAGE_NAMES: Record<Route['page'], string> = {
  home: 'The search page',
  search: 'The search results',
  movie: "This title's page",
  discover: 'The describe page',
  list: 'My list',
  shared: 'The shared list',
  'not-found': 'This page',
};

/**
 * The screen the URL names. A failing page is caught by its own boundary, so the header,
 * loading strip and navigation stay; the outer one keeps a failing layout from blanking the app.
 */
export function App() {
  const route = useApp((s) => s.route);
  return (
    <ErrorBoundary what="Marquee" resetKey={route}>
      <Layout>
        <ErrorBoundary what={PAGE_NAMES[route.page]} resetKey={route}>
          {route.page === 'home' && <HomePage />}
          {route.page === 'search' && <SearchPage key={route.q} route={route} />}
          {route.page === 'movie' && <MoviePage key={route.key} route={route} />}
          {route.page === 'discover' && <DiscoverPage key={route.text} route={route} />}
          {route.page === 'list' && <MyListPage />}
          {route.page === 'shared' && <SharedListPage key={route.list} route={route} />}
          {route.page === 'not-found' && <Notice tone="error" title="No such page">{`Nothing lives at ${route.path}.`}</Notice>}
        </ErrorBoundary>
      </Layout>
    </ErrorBoundary>
  );
}
