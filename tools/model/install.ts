import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MODEL, type ModelFile } from '../../src/embedding/model.ts';
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
 */
export async function installModel(source: ModelSource, modelRoot: string, pins: Pins, log: (msg: string) => void): Promise<InstallReport> {
  const dir = path.join(modelRoot, MODEL.id);
  const report: InstallReport = { dir, fetched: [], repaired: [] };
  let needed: ModelFile[] = [];
  for (const file of MODEL.files) {
    const full = path.join(dir, file);
    if (!existsSync(full)) needed.push(file);
    else if ((await sha256File(full)) !== pins.files[file]) {
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
      const actual = sha256Bytes(bytes);
      if (actual !== pins.files[file]) {
        lastMismatch = new HashMismatchError(`${source.describe()}: ${file}`, pins.files[file], actual);
        log(lastMismatch.message);
        stillNeeded.push(file);
        continue;
      }
      const full = path.join(dir, file);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(`${full}.partial`, bytes);
      await rename(`${full}.partial`, full);
      report.fetched.push(file);
    }
    needed = stillNeeded;
  }
  if (needed.length === 0) return report;
  throw lastMismatch!;
}
