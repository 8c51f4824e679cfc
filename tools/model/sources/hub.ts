import type { ModelFile } from '../../../src/embedding/model.ts';
import type { ModelSource } from './types.ts';

/** The Hugging Face hub's plain file URLs (the same files transformers.js would download itself). */
export function hubSource(modelId: string, endpoint = process.env.HF_ENDPOINT ?? 'https://huggingface.co', revision = 'main'): ModelSource {
  return {
    describe: () => `${endpoint}/${modelId}@${revision}`,
    async fetch(files) {
      const out = new Map<ModelFile, Uint8Array>();
      for (const file of files) {
        const url = `${endpoint}/${modelId}/resolve/${revision}/${file}`;
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
