import { parentPort, workerData } from 'node:worker_threads';
import { loadEmbedder } from '../../src/embedding/embedder.ts';
import type { BuildDevice } from './buildEmbedder.ts';

/** One embedder of the build's pool (embedderPool.ts): it loads MiniLM, then embeds the batches it is sent. */
export interface WorkerInit {
  modelRoot: string;
  device: BuildDevice;
  threads: number;
}
export type WorkerRequest = { id: number; texts: string[] };
export type WorkerReply = { ready: true } | { ready: false; error: string } | { id: number; vectors: Float32Array[] } | { id: number; error: string };

const port = parentPort!;
const { modelRoot, device, threads } = workerData as WorkerInit;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

try {
  const embedder = await loadEmbedder({ modelRoot, device, numThreads: threads });
  port.on('message', async ({ id, texts }: WorkerRequest) => {
    try {
      const vectors = await embedder.embed(texts);
      port.postMessage({ id, vectors } satisfies WorkerReply, vectors.map((v) => v.buffer as ArrayBuffer));
    } catch (err) {
      port.postMessage({ id, error: message(err) } satisfies WorkerReply);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
} catch (err) {
  port.postMessage({ ready: false, error: message(err) } satisfies WorkerReply);
}
