import { Worker } from 'node:worker_threads';

/** A worker thread running the TypeScript module at `module` (its file URL), with `data` as its `workerData`. */
export function startTsWorker(module: URL, data: object): Worker {
  return new Worker(new URL('./tsWorker.mjs', import.meta.url), { workerData: { ...data, module: module.href } });
}
