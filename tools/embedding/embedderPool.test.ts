import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../src/embedding/embedder.ts';
import { dot } from '../../src/vectors/math.ts';
import { MODEL_ROOT } from '../paths.ts';
import { loadEmbedderPool } from './embedderPool.ts';

describe("the build's pool of embedders", () => {
  it('embeds in worker threads what one embedder does, each batch its own answer, several at once', async () => {
    const texts = ['A heist by stage magicians.', 'A toy cowboy is jealous of a space ranger.', 'Astronaut stranded on Mars grows potatoes.', 'Une histoire en français.', 'x'];
    const single = await loadEmbedder({ modelRoot: MODEL_ROOT, device: 'cpu' });
    const expected = await single.embed(texts);
    const pool = await loadEmbedderPool({ modelRoot: MODEL_ROOT, device: 'cpu', workers: 2 });
    try {
      expect(pool.parallel).toBe(2);
      // [CLS], the word pieces and the full stop, [SEP]: as the build batches them.
      expect(texts.map(pool.countTokens)).toEqual([10, 12, 9, 7, 3]);
      const batches = await Promise.all([pool.embed(texts.slice(0, 2)), pool.embed(texts.slice(2, 4)), pool.embed(texts.slice(4)), pool.embed([])]);
      const got = batches.flat();
      expect(got).toHaveLength(texts.length);
      // One onnxruntime thread instead of two may sum in another order: the same vectors to float precision.
      got.forEach((v, i) => expect(dot(v, expected[i]!)).toBeGreaterThan(0.99999));
      // A batch the model cannot take fails alone; the worker takes the next one.
      await expect(pool.embed([null as unknown as string])).rejects.toThrow(/^embedding: /);
      expect(dot((await pool.embed(texts.slice(0, 1)))[0]!, expected[0]!)).toBeGreaterThan(0.99999);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("fails to load with the worker's reason when the model is not there", async () => {
    await expect(loadEmbedderPool({ modelRoot: '/nonexistent/models', device: 'cpu', workers: 2 })).rejects.toThrow(/^an embedding worker could not load MiniLM from \/nonexistent\/models: ./);
  }, 60_000);
});
