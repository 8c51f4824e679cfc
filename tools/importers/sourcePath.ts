import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * What a source path is. Paths come from the command line, so a wrong one must be named in
 * the error with what was expected, not surface as a bare ENOENT or EISDIR.
 */
export async function statSource(label: string, target: string): Promise<Stats> {
  try {
    return await stat(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new Error(`${label}: ${target} does not exist`);
    throw new Error(`${label}: ${target} cannot be read (${code ?? (err as Error).message})`);
  }
}

/** Refuses a path that is missing or a directory; `expected` says what should be there instead. */
export async function requireFile(label: string, target: string, expected: string): Promise<void> {
  if ((await statSource(label, target)).isDirectory()) throw new Error(`${label}: ${target} is a directory; expected ${expected}`);
}
