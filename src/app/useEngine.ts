import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Stage } from '../engine/engine.ts';
import { errorMessage } from '../engine/errorMessage.ts';
import { failureText } from './components/stageText.ts';
import { getEngine } from './engineClient.ts';
import { useApp } from './store.ts';

/**
 * `key` is the question the answer is for (rendered as `data-answer`, which tests and the
 * benchmark wait on). `stale`: it answers an earlier question and stays in view, marked,
 * until the current question's answer arrives (results do not blink away on every keystroke
 * or filter change, and are never passed off as the new answer).
 */
export type Answer<T> = { state: 'waiting' } | { state: 'failed'; error: string } | { state: 'ready'; data: T; key: string; stale: boolean };

/**
 * The answer of an engine call once the stages it needs are ready (free text needs the
 * model and the index), asked again whenever `key` changes: `key` must name everything the
 * question depends on, since `ask` (a new closure on every render) is not watched. A late
 * answer to an earlier key is dropped, so fast typing never shows results out of order.
 * Null when there is no question (`key` null), or before its first answer.
 */
export function useEngineAnswer<T>(needs: Stage | Stage[], key: string | null, ask: (engine: ReturnType<typeof getEngine>) => Promise<T>): Answer<T> | null {
  const stages = ([] as Stage[]).concat(needs);
  // Stage states decide, never their messages: a failure ends the wait whatever it says.
  const failed = useApp((s) => stages.find((stage) => s.engine[stage].state === 'failed'));
  const failure = useApp((s) => (failed ? failureText(s.engine[failed]) : ''));
  const allReady = useApp((s) => stages.every((stage) => s.engine[stage].state === 'ready'));
  const latestAsk = useRef(ask);
  useLayoutEffect(() => {
    latestAsk.current = ask;
  });
  const [got, setGot] = useState<{ key: string; answer: Answer<T> } | null>(null);
  useEffect(() => {
    if (key === null || !allReady) return;
    let current = true;
    latestAsk.current(getEngine()).then(
      (data) => current && setGot({ key, answer: { state: 'ready', data, key, stale: false } }),
      (err: unknown) => current && setGot({ key, answer: { state: 'failed', error: errorMessage(err) } }),
    );
    return () => {
      current = false;
    };
  }, [key, allReady]);

  if (key === null) return null;
  if (failed) return { state: 'failed', error: failure };
  if (!allReady) return { state: 'waiting' };
  if (got?.key === key) return got.answer;
  // Asked and not answered yet: an earlier question's results stay, marked; its failure does not.
  return got?.answer.state === 'ready' ? { ...got.answer, stale: true } : null;
}
