import { useManifest } from './useManifest.ts';

/** The app shell: the search experience arrives with the in-browser engine. */
export function App() {
  const state = useManifest();
  return (
    <main className="mx-auto max-w-2xl p-6">
      <h1 className="text-3xl font-bold tracking-tight">Marquee</h1>
      <p className="mt-2 text-neutral-400">Similar movies, found by what they are about.</p>
      <section className="mt-6 rounded-lg border border-neutral-800 p-4" aria-live="polite" data-testid="catalog-status">
        {state.status === 'loading' && <p>Loading the catalog...</p>}
        {state.status === 'error' && <p className="text-red-400">{state.message}</p>}
        {state.status === 'ready' && (
          <p>
            Catalog ready: {state.manifest.counts.titles.toLocaleString()} titles from {state.manifest.source}, version {state.manifest.version}.
          </p>
        )}
      </section>
    </main>
  );
}
