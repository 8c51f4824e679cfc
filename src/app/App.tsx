import type { Stage } from '../../workers/engine.ts';
import { useEngineStatus } from './useEngineStatus.ts';
import { useManifest } from './useManifest.ts';

const STAGES: [Stage, string][] = [
  ['catalog', 'Title search'],
  ['index', 'More like this'],
  ['model', 'Free-text search'],
];

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The app shell: the search experience arrives with the UI. */
export function App() {
  const manifest = useManifest();
  const engine = useEngineStatus();
  return (
    <main className="mx-auto max-w-2xl p-6">
      <h1 className="text-3xl font-bold tracking-tight">Marquee</h1>
      <p className="mt-2 text-neutral-400">Similar movies, found by what they are about.</p>
      <section className="mt-6 rounded-lg border border-neutral-800 p-4" aria-live="polite" data-testid="catalog-status">
        {manifest.status === 'loading' && <p>Loading the catalog...</p>}
        {manifest.status === 'error' && <p className="text-red-400">{manifest.message}</p>}
        {manifest.status === 'ready' && (
          <p>
            Catalog ready: {manifest.manifest.counts.titles.toLocaleString()} titles from {manifest.manifest.source}, version {manifest.manifest.version}.
          </p>
        )}
        <ul className="mt-3 space-y-1 text-sm">
          {STAGES.map(([stage, label]) => (
            <li key={stage} data-testid={`stage-${stage}`} data-state={engine[stage].state}>
              {label}: {engine[stage].state}
              {engine[stage].state === 'loading' && engine[stage].total ? ` ${megabytes(engine[stage].loaded ?? 0)} of ${megabytes(engine[stage].total)}` : ''}
              {engine[stage].ms !== undefined && ` in ${engine[stage].ms} ms`}
              {engine[stage].device && ` on ${engine[stage].device}`}
              {engine[stage].error && <span className="text-red-400"> ({engine[stage].error})</span>}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
