import { Layout } from './Layout.tsx';
import { Notice } from './components/Notice.tsx';
import { DiscoverPage } from './pages/DiscoverPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { MoviePage } from './pages/MoviePage.tsx';
import { MyListPage } from './pages/MyListPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { useApp } from './store.ts';

/** The screen the URL names. */
export function App() {
  const route = useApp((s) => s.route);
  return (
    <Layout>
      {route.page === 'home' && <HomePage />}
      {route.page === 'search' && <SearchPage key={route.q} route={route} />}
      {route.page === 'movie' && <MoviePage key={route.id} route={route} />}
      {route.page === 'discover' && <DiscoverPage key={route.text} route={route} />}
      {route.page === 'list' && <MyListPage />}
      {route.page === 'not-found' && <Notice tone="error" title="No such page">{`Nothing lives at ${route.path}.`}</Notice>}
    </Layout>
  );
}
