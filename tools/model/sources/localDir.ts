import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { InstalledFile } from '../../../src/embedding/model.ts';
import type { ModelSource } from './types.ts';

/** A directory laid out as transformers.js expects (config.json, tokenizer.json, ..., onnx/), with sentence-transformers' model.safetensors beside them. */
export function localDirSource(dir: string): ModelSource {
  return {
    describe: () => dir,
    async fetch(files) {
      const out = new Map<InstalledFile, Uint8Array>();
      for (const file of files) {
        try {
          out.set(file, new Uint8Array(await readFile(path.join(dir, file))));
        } catch {
          throw new Error(`--model-dir ${dir} has no ${file}`);
        }
      }
      return out;
    },
  };
}
