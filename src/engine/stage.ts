import { errorMessage } from './errorMessage.ts';
import type { OnBytes } from './platform.ts';

export type Stage = 'catalog' | 'index' | 'model';
export const STAGES: readonly Stage[] = ['catalog', 'index', 'model'];

export interface StageStatus {
  state: 'waiting' | 'loading' | 'ready' | 'failed';
  /** Bytes downloaded so far and in all, while loading. */
  loaded?: number;
  total?: number;
  ms?: number;
  /** Why it failed: always set, and never empty, when the state is `failed`. */
  error?: string;
  /** What it runs on, once ready (the model: "webgpu" or "wasm"). */
  device?: string;
  /** Why its files are not kept for offline use, when they could not be. */
  notKept?: string;
}
export type EngineStatus = Record<Stage, StageStatus>;

export interface StageIo {
  /** A progress reporter for one download of the stage. */
  progress(part: string): OnBytes;
  /** Says the stage's files could not be kept for offline use, and why. */
  notKept(reason: string): void;
}

export interface StageResult<T> {
  value: T;
  /** Added to the stage's ready status (the model's device). */
  extra?: Partial<StageStatus>;
}

/** Progress events go through comlink to the UI: at most one per stage per this many ms. */
const PROGRESS_EVERY_MS = 100;

/**
 * Runs one loading stage: publishes it loading (with byte progress), then ready or failed.
 * Resolves to what `load` made, or undefined when the stage failed. A stage that makes no
 * progress for `stallMs` fails; when its `load` finishes after that, the result is
 * dropped, so a stage shown failed never starts answering behind the status's back.
 */
export async function runStage<T>(publish: (status: StageStatus) => void, stallMs: number, load: (io: StageIo) => Promise<StageResult<T>>): Promise<T | undefined> {
  const t0 = performance.now();
  const parts = new Map<string, { loaded: number; total: number }>();
  let lastSent = 0;
  let settled = false;
  let stalled: (err: Error) => void = () => {};
  const stall = new Promise<never>((_, reject) => (stalled = reject));
  const dog = watchdog(stallMs, () => stalled(new Error(`no progress for ${stallMs / 1000} s`)));

  const report = (force = false) => {
    // A download still running beside a failed one must not reopen the stage.
    if (settled) return;
    dog.alive();
    const now = performance.now();
    if (!force && now - lastSent < PROGRESS_EVERY_MS) return;
    lastSent = now;
    let loaded = 0;
    let total = 0;
    for (const p of parts.values()) [loaded, total] = [loaded + p.loaded, total + p.total];
    publish(parts.size ? { state: 'loading', loaded, total } : { state: 'loading' });
  };
  const progress = (part: string): OnBytes => (loaded, total) => {
    parts.set(part, { loaded, total: total ?? loaded });
    // A finished download is always reported, so the last figures shown are complete.
    report(total !== undefined && loaded >= total);
  };
  let notKept: string | undefined;
  report(true);
  try {
    const { value, extra } = await Promise.race([load({ progress, notKept: (reason) => (notKept ??= reason) }), stall]);
    publish({ state: 'ready', ms: Math.round(performance.now() - t0), ...(notKept && { notKept }), ...extra });
    return value;
  } catch (err) {
    publish({ state: 'failed', error: errorMessage(err) });
    return undefined;
  } finally {
    settled = true;
    dog.stop();
  }
}

/**
 * Calls `onStall` once nothing has happened for `stallMs`. Bytes arriving count as
 * something (`alive`), and so does computing: a tick that comes late means the thread was
 * busy (opening a database, reading an index, compiling the model), which is progress
 * that no download reports. A runtime that waits forever (blocked threads) lets the ticks
 * come on time, and stalls.
 */
function watchdog(stallMs: number, onStall: () => void): { alive(): void; stop(): void } {
  const tick = Math.min(1000, stallMs / 4);
  // Later than timer jitter on a loaded machine: only a thread blocked by work is this late.
  const busyLateMs = 250;
  let last = performance.now();
  let quietSince = last;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - last > tick + busyLateMs) quietSince = now;
    last = now;
    if (now - quietSince >= stallMs) {
      clearInterval(timer);
      onStall();
    }
  }, tick);
  return { alive: () => void (quietSince = performance.now()), stop: () => clearInterval(timer) };
}
