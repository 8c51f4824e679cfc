import { UsageError } from '../cli/args.ts';
import { loadEmbedderPool, type EmbedderPool } from './embedderPool.ts';

/** Where the build runs MiniLM: the CPU, or an NVIDIA GPU through onnxruntime-node's CUDA execution provider. */
export const BUILD_DEVICES = ['cpu', 'cuda'] as const;
export type BuildDevice = (typeof BUILD_DEVICES)[number];

export function parseDevice(value: string | undefined): BuildDevice {
  if (value === undefined) return 'cpu';
  if (!(BUILD_DEVICES as readonly string[]).includes(value)) throw new UsageError(`--device must be one of ${BUILD_DEVICES.join(', ')}, got "${value}"`);
  return value as BuildDevice;
}

/**
 * The build's embedder: on the CPU a worker of one thread per core (embedderPool.ts), on a
 * GPU one session. npm installs onnxruntime-node without its CUDA binaries (its install
 * script is not allowed to run, see package.json), so `cuda` works only where they were
 * fetched; elsewhere the build stops at once and says how to get them.
 */
export async function loadBuildEmbedder(modelRoot: string, device: BuildDevice): Promise<EmbedderPool> {
  try {
    return await loadEmbedderPool(device === 'cuda' ? { modelRoot, device, workers: 1, threadsEach: 0 } : { modelRoot, device });
  } catch (err) {
    if (device !== 'cuda') throw err;
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new Error(
      `--device cuda: onnxruntime-node has no usable CUDA execution provider here (${why}). ` +
        'npm installs it without its CUDA binaries: on a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9, fetch them with ' +
        '`node node_modules/onnxruntime-node/script/install.js --onnxruntime-node-install=cuda12`; or build without --device, on the CPU.',
    );
  }
}
