import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { loadTokenCounter, type Embedder } from '../../src/embedding/embedder.ts';
import { MODEL } from '../../src/embedding/model.ts';
import { startTsWorker } from '../runtime/tsWorker.ts';
import type { BuildDevice } from './buildEmbedder.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './embedWorker.ts';

/** Embedders that work at once: `embed` may be called again before its last call is answered. */
export interface EmbedderPool extends Embedder {
  /** How many batches are worth having in flight. */
  readonly parallel: number;
  /** Word pieces per text as the model sees it (truncated), for batching texts of equal length. */
  countTokens(text: string): number;
  close(): Promise<void>;
}

/**
 * MiniLM in `workers` worker threads of one onnxruntime thread each. A batch of 8 short
 * texts is too small a product for two threads to share well: on 2 cores two such workers
 * embed about 1.2x what one session of two threads does (README, "Embedding speed"). A
 * batch goes to the first idle worker; texts are counted in tokens here, for batching, with
 * the tokenizer alone.
 */
export interface PoolOptions {
  modelRoot: string;
  device: BuildDevice;
  /** Default: one per core. */
  workers?: number;
  /** onnxruntime's threads in each worker: 1 by default, 0 for its own default (all cores). */
  threadsEach?: number;
}

export async function loadEmbedderPool(opts: PoolOptions): Promise<EmbedderPool> {
  const count = opts.workers ?? availableParallelism();
  const init: WorkerInit = { modelRoot: opts.modelRoot, device: opts.device, threads: opts.threadsEach ?? 1 };
  const workers = Array.from({ length: count }, () => startTsWorker(new URL('./embedWorker.ts', import.meta.url), init));
  let closing = false;
  const close = async () => {
    closing = true;
    await Promise.all(workers.map((w) => w.terminate()));
  };
  let countTokens: (text: string) => number;
  try {
    [countTokens] = await Promise.all([loadTokenCounter(opts.modelRoot), ...workers.map(ready)]);
  } catch (err) {
    await close();
    throw new Error(`an embedding worker could not load MiniLM from ${opts.modelRoot}: ${err instanceof Error ? err.message : String(err)}`);
  }

  type Settle = { resolve(v: Float32Array[]): void; reject(e: Error): void };
  const pending = new Map<number, Settle>();
  const idle = [...workers];
  const queue: { request: WorkerRequest; settle: Settle }[] = [];
  let nextId = 0;
  /** Set once a worker has died: every batch asked for then or later fails with it, none waits for ever. */
  let broken: Error | undefined;
  const dispatch = () => {
    while (idle.length && queue.length) {
      const { request, settle } = queue.shift()!;
      pending.set(request.id, settle);
      idle.shift()!.postMessage(request);
    }
  };
  const breakPool = (err: Error) => {
    if (closing) return;
    broken ??= err;
    for (const settle of [...pending.values(), ...queue.map((q) => q.settle)]) settle.reject(broken);
    pending.clear();
    queue.length = 0;
  };
  for (const worker of workers) {
    worker.on('message', (reply: WorkerReply) => {
      if (!('id' in reply)) return;
      const settle = pending.get(reply.id)!;
      pending.delete(reply.id);
      idle.push(worker);
      if ('error' in reply) settle.reject(new Error(`embedding: ${reply.error}`));
      else settle.resolve(reply.vectors);
      dispatch();
    });
    worker.on('error', (err: Error) => breakPool(new Error(`an embedding worker failed: ${err.message}`)));
    worker.on('exit', (code) => breakPool(new Error(`an embedding worker exited (code ${code})`)));
  }

  return {
    dims: MODEL.dims,
    device: opts.device,
    parallel: count,
    countTokens,
    embed(texts) {
      if (texts.length === 0) return Promise.resolve([]);
      if (broken) return Promise.reject(broken);
      return new Promise((resolve, reject) => {
        queue.push({ request: { id: nextId++, texts }, settle: { resolve, reject } });
        dispatch();
      });
    },
    close,
  };
}

/** Resolves once the worker has loaded its model; rejects with its reason if it could not. */
function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      if (!('ready' in reply)) return;
      worker.off('message', onMessage);
      if (reply.ready) resolve();
      else reject(new Error(reply.error));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`an embedding worker exited (code ${code}) before its model loaded`)));
  });
}
