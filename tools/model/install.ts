import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL, type ModelFile } from '../../src/embedding/model.ts';
import { gatherBeforeDequantize } from './gatherBeforeDequantize.ts';
import { HashMismatchError, sha256Bytes, sha256File, type Pins } from './pins.ts';
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
 * The ONNX file is installed rewritten from its source (`gatherBeforeDequantize`).
 */
export async function installModel(source: ModelSource, modelRoot: string, pins: Pins, log: (msg: string) => void): Promise<InstallReport> {
  const dir = path.join(modelRoot, MODEL.id);
  const report: InstallReport = { dir, fetched: [], repaired: [] };
  let needed: ModelFile[] = [];
  for (const file of MODEL.files) {
    const full = path.join(dir, file);
    if (!existsSync(full)) needed.push(file);
    else if ((await sha256File(full)) !== pins.files[file]) {
      // A copy installed before the file was rewritten (its pinned source) is rewritten in place.
      const rewritten = installable(file, await readFile(full), pins);
      if (rewritten) {
        log(`${file}: rewriting the cached source file`);
        await place(full, rewritten);
        continue;
      }
      log(`${file}: cached copy is corrupt (hash differs), fetching it again`);
      report.repaired.push(file);
      needed.push(file);
    }
  }

  let lastMismatch: HashMismatchError | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS && needed.length > 0; attempt++) {
    log(`fetching ${needed.join(', ')} from ${source.describe()}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
    const fetched = await source.fetch(needed, { fresh: attempt > 1 });
    const stillNeeded: ModelFile[] = [];
    for (const file of needed) {
      const bytes = fetched.get(file);
      if (!bytes) throw new Error(`${source.describe()} did not provide ${file}`);
      const accepted = installable(file, bytes, pins);
      if (!accepted) {
        lastMismatch = new HashMismatchError(`${source.describe()}: ${file}`, pins.rewrittenFrom[file] ?? pins.files[file], sha256Bytes(bytes));
        log(lastMismatch.message);
        stillNeeded.push(file);
        continue;
      }
      await place(path.join(dir, file), accepted);
      report.fetched.push(file);
    }
    needed = stillNeeded;
  }
  if (needed.length === 0) return report;
  throw lastMismatch!;
}

/**
 * What to install for `bytes` of `file`: the pinned file itself, or the file rewritten
 * from its pinned source (checked again after the rewrite); undefined when neither.
 */
function installable(file: ModelFile, bytes: Uint8Array, pins: Pins): Uint8Array | undefined {
  const hash = sha256Bytes(bytes);
  if (hash === pins.files[file]) return bytes;
  if (hash !== pins.rewrittenFrom[file]) return undefined;
  const rewritten = gatherBeforeDequantize(bytes).model;
  const actual = sha256Bytes(rewritten);
  if (actual !== pins.files[file]) throw new HashMismatchError(`${file} rewritten by gatherBeforeDequantize`, pins.files[file], actual);
  return rewritten;
}

/** Writes beside the target, then renames: an interrupted install never leaves half a file. */
async function place(full: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(`${full}.partial`, bytes);
  await rename(`${full}.partial`, full);
}
