import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli/args.ts';
import { MODEL_ROOT, ROOT } from '../paths.ts';
import { loadBuildEmbedder, parseDevice } from './buildEmbedder.ts';

/** Whether onnxruntime-node's CUDA binaries were fetched into this install (npm does not). */
function hasCudaBinaries(): boolean {
  const bin = path.join(ROOT, 'node_modules', 'onnxruntime-node', 'bin');
  if (!existsSync(bin)) return false;
  return readdirSync(bin, { recursive: true }).some((f) => String(f).includes('providers_cuda'));
}

describe('the build device', () => {
  it('is the CPU unless asked, and a device it cannot use is refused by its flag', () => {
    expect(parseDevice(undefined)).toBe('cpu');
    expect(parseDevice('cuda')).toBe('cuda');
    expect(() => parseDevice('gpu')).toThrow(UsageError);
    expect(() => parseDevice('gpu')).toThrow('--device must be one of cpu, cuda, got "gpu"');
  });

  it.skipIf(hasCudaBinaries())('stops a CUDA build at once where onnxruntime-node has no CUDA binaries, saying how to get them', async () => {
    await expect(loadBuildEmbedder(MODEL_ROOT, 'cuda')).rejects.toThrow(/^--device cuda: onnxruntime-node has no usable CUDA execution provider here \(.+\)\. .*--onnxruntime-node-install=cuda12/);
  });
});
