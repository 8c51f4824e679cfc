import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL } from '../../src/embedding/model.ts';
import type { Embedder } from '../../src/embedding/embedder.ts';
import { dot } from '../../src/vectors/math.ts';

interface BertConfig {
  model_type?: string;
  num_hidden_layers?: number;
  hidden_size?: number;
  vocab_size?: number;
}

/** Refuses a model directory that is not a 6-layer, 384-wide BERT with the uncased 30522 vocabulary. */
export async function checkModelShape(dir: string): Promise<void> {
  const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as BertConfig;
  const expected = { model_type: 'bert', num_hidden_layers: 6, hidden_size: MODEL.dims, vocab_size: 30522 };
  for (const [key, value] of Object.entries(expected)) {
    const actual = config[key as keyof BertConfig];
    if (actual !== value) throw new Error(`${dir}/config.json: ${key} is ${actual}, expected ${value}: not all-MiniLM-L6-v2`);
  }
}

export const SANITY_SENTENCES = {
  anchor: 'Four stage magicians rob banks during their shows',
  related: 'Illusionists pull off heists while the FBI chases them',
  unrelated: 'A romantic comedy set in Paris',
} as const;

/** A model with random or wrong weights fails this; the real one scores about 0.43 vs 0.12. */
export async function checkModelSemantics(embedder: Embedder): Promise<{ related: number; unrelated: number }> {
  const [anchor, related, unrelated] = await embedder.embed([SANITY_SENTENCES.anchor, SANITY_SENTENCES.related, SANITY_SENTENCES.unrelated]);
  const scores = { related: dot(anchor!, related!), unrelated: dot(anchor!, unrelated!) };
  if (!(scores.related > scores.unrelated + 0.1)) {
    throw new Error(`model sanity check failed: magicians~heist ${scores.related.toFixed(3)} is not clearly above magicians~Paris ${scores.unrelated.toFixed(3)}`);
  }
  return scores;
}
