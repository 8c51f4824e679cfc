import { useEffect, useState } from 'react';
import type { Stage } from '../../workers/engine.ts';
import { getEngine } from './engineClient.ts';
import { useApp } from './store.ts';

/** `key` is the question the answer is for (rendered as `data-answer`, which tests and the benchmark wait on). */
export type Answer<T> = { state: 'waiting' } | { state: 'failed'; error: string } | { state: 'ready'; data: T; key: string };

/**
 * The answer of an engine call once the stages it needs are ready (free text needs the
 * model and the index), again whenever `key` changes. A late answer to an earlier key is
 * dropped, so fast typing never shows stale results.
 */
export function useEngineAnswer<T>(needs: Stage | Stage[], key: string | null, ask: (engine: ReturnType<typeof getEngine>) => Promise<T>): Answer<T> | null {
  const stages = ([] as Stage[]).concat(needs);
  const failed = useApp((s) => stages.map((stage) => s.engine[stage]).find((st) => st.state === 'failed'));
  const allReady = useApp((s) => stages.every((stage) => s.engine[stage].state === 'ready'));
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  useEffect(() => {
    if (key === null) return setAnswer(null);
    if (failed) return setAnswer({ state: 'failed', error: failed.error ?? 'failed' });
    if (!allReady) return setAnswer({ state: 'waiting' });
    let current = true;
    ask(getEngine()).then(
      (data) => current && setAnswer({ state: 'ready', data, key }),
      (err: Error) => current && setAnswer({ state: 'failed', error: err.message }),
    );
    return () => {
      current = false;
    };
    // `ask` is a new closure on every render; `key` says when the question changed.
  }, [key, allReady, failed?.error]);
  return answer;
}
