import { WEIGHTS, type InstalledFile } from '../../../src/embedding/model.ts';

/** The transformers.js conversions carry no PyTorch weights: the published ones come from the model's own repository. */
const PUBLISHED_REPO = 'sentence-transformers/all-MiniLM-L6-v2';
import type { ModelSource } from './types.ts';

/** The Hugging Face hub's plain file URLs (the same files transformers.js would download itself, and the published weights). */
export function hubSource(modelId: string, endpoint = process.env.HF_ENDPOINT ?? 'https://huggingface.co', revision = 'main'): ModelSource {
  return {
    describe: () => `${endpoint}/${modelId}@${revision}`,
    async fetch(files) {
      const out = new Map<InstalledFile, Uint8Array>();
      for (const file of files) {
        const url = `${endpoint}/${file === WEIGHTS.published ? PUBLISHED_REPO : modelId}/resolve/${revision}/${file}`;
        let res: Response;
        try {
          res = await fetch(url, { cache: 'no-store' });
        } catch (err) {
          throw new Error(`cannot reach ${url}: ${(err as Error).message}`);
        }
        if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        out.set(file, new Uint8Array(await res.arrayBuffer()));
      }
      return out;
    },
  };
}
