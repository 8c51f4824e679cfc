import type { Embedder } from '../../src/embedding/embedder.ts';
import { progressBar } from '../cli/progress.ts';
import { VectorCache } from './vectorCache.ts';

export interface EmbedStats {
  total: number;
  /** Texts embedded in this run (the rest came from the cache). */
  embedded: number;
  seconds: number;
  /** Texts per second over the ones embedded in this run. */
  perSecond: number;
}

/**
 * Vectors for `texts`, in order. Only texts missing from the cache reach the model, and
 * they go in batches of similar length: a batch is padded to its longest text, and
 * MiniLM's cost grows with every padded token.
 */
export async function embedAll(texts: string[], embedder: Embedder, cache: VectorCache, batchSize = 16): Promise<{ vectors: Float32Array[]; stats: EmbedStats }> {
  const keys = texts.map(VectorCache.key);
  const missing = new Map<string, string>();
  keys.forEach((key, i) => {
    if (!cache.get(key)) missing.set(key, texts[i]!);
  });
  const queue = [...missing].sort((a, b) => a[1].length - b[1].length);

  const bar = progressBar('embedding', queue.length);
  const start = performance.now();
  for (let i = 0; i < queue.length; i += batchSize) {
    const batch = queue.slice(i, i + batchSize);
    const vectors = await embedder.embed(batch.map(([, text]) => text));
    cache.add(batch.map(([key], j) => [key, vectors[j]!]));
    bar.update(i + batch.length);
  }
  bar.done(queue.length);
  const seconds = (performance.now() - start) / 1000;

  return {
    vectors: keys.map((key) => cache.get(key)!),
    stats: { total: texts.length, embedded: queue.length, seconds, perSecond: queue.length ? queue.length / seconds : 0 },
  };
}
