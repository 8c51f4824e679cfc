import type { Stage, StageStatus } from '../../engine/engine.ts';
import { useApp } from '../store.ts';
import { failureText } from './stageText.ts';

const STAGES: [Stage, string][] = [
  ['catalog', 'Title search'],
  ['index', 'More like this'],
  ['model', 'Free-text search'],
];

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function describe(s: StageStatus): string {
  if (s.state === 'loading') return s.total ? `${megabytes(s.loaded ?? 0)} of ${megabytes(s.total)}` : 'loading';
  if (s.state === 'ready') return `ready${s.ms !== undefined ? ` in ${(s.ms / 1000).toFixed(1)} s` : ''}${s.device ? ` (${s.device})` : ''}`;
  if (s.state === 'failed') return `unavailable: ${failureText(s)}`;
  return 'waiting';
}

/** The engine's loading stages with real progress; hidden once everything is ready. */
export function LoadingStatus() {
  const engine = useApp((s) => s.engine);
  const allReady = STAGES.every(([stage]) => engine[stage].state === 'ready');
  return (
    <section aria-label="Loading" aria-live="polite" className={allReady ? 'sr-only' : 'border-b border-neutral-200 bg-neutral-50 px-4 py-2 text-sm dark:border-neutral-800 dark:bg-neutral-900'}>
      <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-6 gap-y-1">
        {STAGES.map(([stage, label]) => {
          const s = engine[stage];
          const share = s.state === 'ready' ? 1 : s.total ? (s.loaded ?? 0) / s.total : 0;
          return (
            <li key={stage} data-testid={`stage-${stage}`} data-state={s.state} className="flex items-center gap-2">
              <span className="font-medium">{label}</span>
              <progress className="h-1.5 w-20 accent-amber-500" max={1} value={share} aria-label={`${label} loading`} />
              <span className={s.state === 'failed' ? 'text-red-700 dark:text-red-400' : 'text-neutral-600 dark:text-neutral-400'}>{describe(s)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
