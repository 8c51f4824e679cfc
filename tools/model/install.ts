import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL, type ModelFile } from '../../src/embedding/model.ts';
import { externalizeWeights } from './externalizeWeights.ts';
import { gatherBeforeDequantize } from './gatherBeforeDequantize.ts';
import { dataFileOf, HashMismatchError, sha256Bytes, sha256File, type Pins } from './pins.ts';
import type { ModelSource } from './sources/types.ts';

const ATTEMPTS = 3;

export interface InstallReport {
  dir: string;
  fetched: ModelFile[];
  /** Cached files whose hash no longer matched and were fetched again. */
  repaired: ModelFile[];
}

/**
 * Makes `<modelRoot>/<MODEL.id>` hold exactly the pinned files. Files already cached with
 * the right hash are kept; missing or corrupt ones are fetched, checked, and only then
 * moved into place, so an interrupted or corrupt download never leaves a bad file behind.
 * The ONNX file is installed rewritten from its pinned source (`gatherBeforeDequantize`),
 * as a graph and its weights (`<file>_data`), both pinned too.
 */
export async function installModel(source: ModelSource, modelRoot: string, pins: Pins, log: (msg: string) => void): Promise<InstallReport> {
  const dir = path.join(modelRoot, MODEL.id);
  const report: InstallReport = { dir, fetched: [], repaired: [] };
  const needed = new Set<ModelFile>();
  for (const file of MODEL.files) {
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
      log(`${file}: cached copy is corrupt (hash differs), fetching it again`);
      report.repaired.push(file);
      needed.add(file);
    }
  }
  const rewrittenFiles = Object.keys(pins.rewrittenFrom) as ModelFile[];
  // Weights are made by rewriting their file's source, so that file is fetched with them.
  for (const file of rewrittenFiles) if (needed.has(dataFileOf(file))) needed.add(file);

  let lastMismatch: HashMismatchError | undefined;
  /** Installs what a source sent for `file`; false when it is neither the pinned file nor its source. */
  const take = async (file: ModelFile, bytes: Uint8Array | undefined): Promise<boolean> => {
    if (!bytes) throw new Error(`${source.describe()} did not provide ${file}`);
    const accepted = installable(file, bytes, pins);
    if (!accepted) {
      lastMismatch = new HashMismatchError(`${source.describe()}: ${file}`, pins.rewrittenFrom[file] ?? pins.files[file], sha256Bytes(bytes));
      log(lastMismatch.message);
      return false;
    }
    for (const [f, b] of accepted) {
      await place(path.join(dir, f), b);
      report.fetched.push(f);
    }
    return true;
  };

  // Weights are asked for only when a source sends their file as installed, not as its source.
  let asked = MODEL.files.filter((f) => needed.has(f) && !rewrittenFiles.some((r) => dataFileOf(r) === f && needed.has(r)));
  for (let attempt = 1; attempt <= ATTEMPTS && asked.length > 0; attempt++) {
    log(`fetching ${asked.join(', ')} from ${source.describe()}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    const fresh = attempt > 1;
    const fetched = await source.fetch(asked, { fresh });
    const stillNeeded: ModelFile[] = [];
    for (const file of asked) if (!(await take(file, fetched.get(file)))) stillNeeded.push(file);
    const weights = asked.filter((f) => rewrittenFiles.includes(f) && report.fetched.includes(f) && !report.fetched.includes(dataFileOf(f))).map(dataFileOf);
    if (weights.length) {
      const more = await source.fetch(weights, { fresh });
      for (const file of weights) if (!(await take(file, more.get(file)))) stillNeeded.push(file);
    }
    asked = stillNeeded;
  }
  if (asked.length === 0) return report;
  throw lastMismatch!;
}

/**
 * What to install for `bytes` of `file`: the pinned file itself, or, from its pinned
 * source, the rewritten graph and its weights (each checked against its pin); undefined
 * when the bytes are neither.
 */
function installable(file: ModelFile, bytes: Uint8Array, pins: Pins): Map<ModelFile, Uint8Array> | undefined {
  const hash = sha256Bytes(bytes);
  if (hash === pins.files[file]) return new Map([[file, bytes]]);
  if (hash !== pins.rewrittenFrom[file]) return undefined;
  const { graph, data } = externalizeWeights(gatherBeforeDequantize(bytes).model, path.basename(dataFileOf(file)));
  const outputs = new Map([
    [file, graph],
    [dataFileOf(file), data],
  ]);
  for (const [f, b] of outputs) {
    const actual = sha256Bytes(b);
    if (actual !== pins.files[f]) throw new HashMismatchError(`${f} rewritten by gatherBeforeDequantize`, pins.files[f], actual);
  }
  return outputs;
}

/** Writes beside the target, then renames: an interrupted install never leaves half a file. */
async function place(full: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(`${full}.partial`, bytes);
  await rename(`${full}.partial`, full);
}
