import type { EngineStatus, Stage, StageStatus } from '../../engine/engine.ts';

export const STAGE_NAMES: Record<Stage, string> = { catalog: 'The catalog', index: 'The vector index', model: 'The language model' };

/**
 * Why a failed stage failed. The engine promises a message, but a failure shown as
 * "undefined" (or as nothing) tells a person nothing, so the UI never relies on it.
 */
export function failureText(status: StageStatus): string {
  return status.error || 'it failed without saying why';
}

/**
 * What still works with the engine as it is: a failed stage takes its features with it.
 * My list needs no stage, so it is named when nothing else is left.
 */
export function stillWorks(engine: EngineStatus): string {
  const up = (stage: Stage) => engine[stage].state !== 'failed';
  const working = [
    up('catalog') && 'title search',
    up('catalog') && up('index') && 'similar titles',
    up('catalog') && up('index') && up('model') && 'free text',
  ].filter((w): w is string => Boolean(w));
  if (working.length === 0) return 'My list still works.';
  const list = working.length === 1 ? working[0]! : `${working.slice(0, -1).join(', ')} and ${working.at(-1)}`;
  return `${list[0]!.toUpperCase()}${list.slice(1)} still ${working.length === 1 ? 'works' : 'work'}.`;
}
