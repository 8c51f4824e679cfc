import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Every git-ignored, reproducible location the tools write to. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(ROOT, '.cache');
export const MODEL_ROOT = path.join(CACHE_DIR, 'models');
/** The model as the app runs it (int8 matrices dequantized), for free-text queries in Node (tools/model/appModel.ts). */
export const APP_MODEL_ROOT = path.join(CACHE_DIR, 'models-app');
export const WHEEL_DIR = path.join(CACHE_DIR, 'wheels');
export const EMBEDDING_CACHE_DIR = path.join(CACHE_DIR, 'embeddings');
export const DEFAULT_OUT_DIR = path.join(ROOT, 'public', 'data');
/** The Trakt ingest's checkpoint and store (tools/trakt/journal.ts). */
export const TRAKT_JOURNAL = path.join(CACHE_DIR, 'trakt', 'ingest.jsonl');
