import { proxy, wrap, type Remote } from 'comlink';
import type { Engine, Stage, StageStatus } from '../engine/engine.ts';

declare global {
  /** The engine, for the browser console and the end-to-end tests. */
  var marqueeEngine: Remote<Engine> | undefined;
}

let engine: Remote<Engine> | undefined;

/** The one engine worker of the page, started on first use. */
export function getEngine(onStage?: (stage: Stage, status: StageStatus) => void): Remote<Engine> {
  if (!engine) {
    engine = wrap<Engine>(new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module' }));
    void engine.init(onStage && proxy(onStage));
    globalThis.marqueeEngine = engine;
  }
  return engine;
}
