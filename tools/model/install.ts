import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL, WEIGHTS, type InstalledFile, type ModelFile } from '../../src/embedding/model.ts';
import { dequantizeAtLoad } from './dequantizeAtLoad.ts';
import { externalizeWeights } from './externalizeWeights.ts';
import { gatherBeforeDequantize } from './gatherBeforeDequantize.ts';
import { computeFloat32, HashMismatchError, INSTALLED_FILES, REWRITE_OUTPUTS, sha256Bytes, sha256File, type Pins } from './pins.ts';
import type { ModelSource } from './sources/types.ts';

const ATTEMPTS = 3;

export interface InstallReport {
  dir: string;
  fetched: InstalledFile[];
  /** Cached files whose hash no longer matched and were fetched again. */
  repaired: InstalledFile[];
}

/**
 * Makes `<modelRoot>/<MODEL.id>` hold exactly the pinned files. Files already cached with
 * the right hash are kept; missing or corrupt ones are fetched, checked, and only then
 * moved into place, so an interrupted or corrupt download never leaves a bad file behind.
 * The ONNX file is installed rewritten from its pinned source (`rewrite`), as a graph, its
 * weights and their dequantize recipe, all pinned too; last, the float32 matrices that
 * onnxruntime-node reads are laid out from the published weights.
 */
export async function installModel(source: ModelSource, modelRoot: string, pins: Pins, log: (msg: string) => void): Promise<InstallReport> {
  const dir = path.join(modelRoot, MODEL.id);
  const report: InstallReport = { dir, fetched: [], repaired: [] };
  const needed = new Set<InstalledFile>();
  for (const file of INSTALLED_FILES) {
    const full = path.join(dir, file);
    if (!existsSync(full)) needed.add(file);
    else if ((await sha256File(full)) !== pins.files[file]) {
      // A copy installed before the file was rewritten (its pinned source) is rewritten in place.
      const rewritten = installable(file, await readFile(full), pins);
      if (rewritten) {
        log(`${file}: rewriting the cached source file`);
        for (const [f, bytes] of rewritten) await place(path.join(dir, f), bytes);
        continue;
      }
      log(`${file}: cached copy differs from its pin (corrupt or outdated), fetching it again`);
      report.repaired.push(file);
      needed.add(file);
    }
  }
  const rewrittenFiles = Object.keys(pins.rewrittenFrom) as InstalledFile[];
  // Weights and recipe are made by rewriting their graph's source, so that file is fetched with them.
  if (REWRITE_OUTPUTS.some((f) => needed.has(f))) for (const file of rewrittenFiles) needed.add(file);

  let lastMismatch: HashMismatchError | undefined;
  /** Installs what a source sent for `file`; false when it is neither the pinned file nor its source. */
  const take = async (file: InstalledFile, bytes: Uint8Array | undefined): Promise<boolean> => {
    if (!bytes) throw new Error(`${source.describe()} did not provide ${file}`);
    const accepted = installable(file, bytes, pins);
    if (!accepted) {
      lastMismatch = new HashMismatchError(`${source.describe()}: ${file}`, pins.rewrittenFrom[file as ModelFile] ?? pins.files[file], sha256Bytes(bytes));
      log(lastMismatch.message);
      return false;
    }
    for (const [f, b] of accepted) {
      await place(path.join(dir, f), b);
      report.fetched.push(f);
    }
    return true;
  };

  // Weights and recipe are asked for only when a source sends their graph as installed, not as its source.
  let asked = INSTALLED_FILES.filter((f) => needed.has(f) && !(REWRITE_OUTPUTS.includes(f) && rewrittenFiles.some((r) => needed.has(r))));
  for (let attempt = 1; attempt <= ATTEMPTS && asked.length > 0; attempt++) {
    log(`fetching ${asked.join(', ')} from ${source.describe()}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    const fresh = attempt > 1;
    const fetched = await source.fetch(asked, { fresh });
    const stillNeeded: InstalledFile[] = [];
    for (const file of asked) if (!(await take(file, fetched.get(file)))) stillNeeded.push(file);
    const sentAsInstalled = asked.some((f) => rewrittenFiles.includes(f) && report.fetched.includes(f));
    const weights = sentAsInstalled ? REWRITE_OUTPUTS.filter((f) => !report.fetched.includes(f)) : [];
    if (weights.length) {
      const more = await source.fetch(weights, { fresh });
      for (const file of weights) if (!(await take(file, more.get(file)))) stillNeeded.push(file);
    }
    asked = stillNeeded;
  }
  if (asked.length > 0) throw lastMismatch!;
  const float32 = await computeFloat32(dir);
  const onDisk = path.join(dir, WEIGHTS.float32);
  if (!existsSync(onDisk) || !(await readFile(onDisk)).equals(float32)) await place(onDisk, float32);
  return report;
}

/**
 * What to install for `bytes` of `file`: the pinned file itself, or, from its pinned
 * source, the rewritten graph, weights and recipe (each checked against its pin);
 * undefined when the bytes are neither.
 */
function installable(file: InstalledFile, bytes: Uint8Array, pins: Pins): Map<InstalledFile, Uint8Array> | undefined {
  const hash = sha256Bytes(bytes);
  if (hash === pins.files[file]) return new Map([[file, bytes]]);
  if (file === WEIGHTS.published || hash !== pins.rewrittenFrom[file]) return undefined;
  const outputs = rewrite(file, bytes);
  for (const [f, b] of outputs) {
    const actual = sha256Bytes(b);
    if (actual !== pins.files[f]) throw new HashMismatchError(`${f} as rewritten from its pinned source`, pins.files[f], actual);
  }
  return outputs;
}

/**
 * The pinned ONNX file as the project ships it. Each step leaves every output unchanged
 * (tools/model/onnxRewrite.test.ts): lookups before dequantization (47 MB less WASM heap),
 * weights in their own file (onnxruntime parses the graph without copying them), and the
 * weight matrices dequantized by the loader instead of at session start.
 */
export function rewrite(file: ModelFile, source: Uint8Array): Map<ModelFile, Uint8Array> {
  const weights = path.basename(WEIGHTS.quantized);
  const { graph, data } = externalizeWeights(gatherBeforeDequantize(source).model, weights);
  const { model, recipe } = dequantizeAtLoad(graph, { weights, float32: path.basename(WEIGHTS.float32) });
  return new Map([
    [file, model],
    [WEIGHTS.quantized, data],
    [WEIGHTS.recipe, new TextEncoder().encode(`${JSON.stringify(recipe)}\n`)],
  ]);
}

/** Writes beside the target, then renames: an interrupted install never leaves half a file. */
async function place(full: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(`${full}.partial`, bytes);
  await rename(`${full}.partial`, full);
}
