import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedAll, type BatchEmbedder } from './embedAll.ts';
import { VectorCache } from './vectorCache.ts';

/** Records which texts reach the model; the vectors encode the text length so order can be checked. */
function countingEmbedder() {
  const seen: string[][] = [];
  const embedder: BatchEmbedder = {
    dims: 2,
    device: 'test',
    embed: async (texts) => {
      seen.push(texts);
      return texts.map((t) => Float32Array.of(t.length, 1));
    },
    // Word count stands in for tokens, so the order differs from character length.
    countTokens: (text) => text.split(' ').length,
  };
  return { embedder, seen };
}

describe('embedAll', () => {
  it('returns vectors in input order, batches by length and embeds only texts the cache lacks', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'ea-')), 'c.bin');
    const texts = ['a much longer text', 'x', 'mediumtextlongword', 'x', 'y y'];
    const first = countingEmbedder();
    const run1 = await embedAll(texts, first.embedder, new VectorCache(file, 2), 2);
    expect(run1.vectors.map((v) => v[0])).toEqual([18, 1, 18, 1, 3]);
    // Duplicate texts are embedded once; batches go by token count, fewest first.
    expect(first.seen).toEqual([['x', 'mediumtextlongword'], ['y y', 'a much longer text']]);
    expect(run1.stats).toMatchObject({ total: 5, embedded: 4 });

    // A rebuild after one record changed: only that text is embedded again.
    const second = countingEmbedder();
    const run2 = await embedAll([...texts.slice(0, 4), 'zzz'], second.embedder, new VectorCache(file, 2), 2);
    expect(second.seen).toEqual([['zzz']]);
    expect(run2.stats.embedded).toBe(1);
  });

  it('keeps as many batches in flight as the embedder works on, whatever order they come back in, and fails on a failed batch', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `text ${'w '.repeat(i % 7)}${i}`);
    let inFlight = 0;
    let most = 0;
    const slow = (fail?: string) => ({
      dims: 2,
      device: 'test',
      parallel: 3,
      countTokens: (text: string) => text.split(' ').length,
      embed: async (batch: string[]) => {
        most = Math.max(most, ++inFlight);
        // Later batches come back first now and then.
        await new Promise((r) => setTimeout(r, (batch[0]!.length * 7) % 11));
        inFlight--;
        if (fail && batch.includes(fail)) throw new Error('the model failed');
        return batch.map((t) => Float32Array.of(t.length, Number(t.split(' ').at(-1))));
      },
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'ea-'));
    const { vectors } = await embedAll(texts, slow(), new VectorCache(path.join(dir, 'a.bin'), 2), 4);
    expect(vectors.map((v) => v[1])).toEqual(texts.map((_, i) => i));
    expect(most).toBe(3);
    await expect(embedAll(texts, slow(texts[17]), new VectorCache(path.join(dir, 'b.bin'), 2), 4)).rejects.toThrow('the model failed');
  });
});
