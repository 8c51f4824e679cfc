import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { MANIFEST_FILE } from '../../src/catalog/manifest.ts';
import { loadEmbedder } from '../../src/embedding/embedder.ts';
import { MODEL, WEIGHTS } from '../../src/embedding/model.ts';
import { createEngine, type Engine, type EngineOptions, type FetchOptions, type Platform, type Stage } from '../../src/engine/engine.ts';
import { APP_MODEL_ROOT } from '../paths.ts';

/**
 * The engine's platform in Node (the query CLI, the tests): files of a built catalog
 * directory instead of fetch, the same sql.js and vector code the browser runs, MiniLM on
 * the CPU. Site paths map as the site serves them: `data/…` to `dataDir`, `models/…` to
 * the model cache; a `?v=` version is ignored.
 */
export function nodePlatform(dataDir: string, modelRoot = APP_MODEL_ROOT): Platform {
  return {
    async fetchBytes(sitePath: string, opts: FetchOptions = {}) {
      const p = sitePath.split('?')[0]!;
      const file = p.startsWith('models/') ? path.join(modelRoot, p.slice('models/'.length)) : path.join(dataDir, p.replace(/^data\//, ''));
      const bytes = new Uint8Array(
        await readFile(file).catch((err: NodeJS.ErrnoException) => {
          throw new Error(err.code === 'ENOENT' ? `${file} is missing` : `${file}: ${err.message}`);
        }),
      );
      // Two chunks, as a stream would report them.
      opts.onBytes?.(bytes.length >> 1);
      opts.onBytes?.(bytes.length);
      opts.check?.(bytes);
      return bytes;
    },
    openDatabase: async (bytes) => new (await initSqlJs()).Database(bytes),
    // transformers.js in Node reads the model from disk itself (its cache hook, which the
    // browser uses to take the checked bytes, answers "Unable to get model file path or
    // buffer" there): the same files the engine checks against the manifest, once they pass.
    async loadEmbedder(files) {
      await files;
      // Not served, so the manifest does not vouch for it: `npm run model` writes it from the int8 weights, as the browser computes it.
      const float32 = path.join(modelRoot, MODEL.id, WEIGHTS.float32);
      if (!existsSync(float32)) throw new Error(`${float32} is missing: run \`npm run model\``);
      return loadEmbedder({ modelRoot, device: 'cpu' });
    },
  };
}

/**
 * The engine over a built catalog directory, with the stages asked for loaded (catalog and
 * index by default: the model only when free text needs it); refuses with the reason
 * when one of them failed.
 */
export async function openEngine(dataDir: string, options: EngineOptions = {}): Promise<Engine> {
  const stages: readonly Stage[] = options.stages ?? ['catalog', 'index'];
  const engine = createEngine(nodePlatform(dataDir), { ...options, stages });
  const status = await engine.init();
  const failed = stages.find((s) => status[s].state !== 'ready');
  if (failed) {
    const why = status[failed].error ?? status[failed].state;
    if (why.includes(`${MANIFEST_FILE} is missing`)) throw new Error(`no catalog at ${dataDir} (${MANIFEST_FILE} is missing): run \`npm run catalog\` first, or pass --data DIR`);
    throw new Error(`the ${failed} at ${dataDir} did not load: ${why}`);
  }
  return engine;
}
