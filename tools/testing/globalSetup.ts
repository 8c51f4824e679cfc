import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildFixtureCatalog } from './fixtureCatalog.ts';

/**
 * Builds the sample catalog once per vitest run, before any test file, for every suite to
 * read (tools/testing/sharedFixture.ts): the 27 titles are embedded, indexed and measured,
 * and MiniLM loaded, once per run rather than once per suite.
 *
 * Every temporary directory of the run, the suites' and their child processes', lives in
 * one folder that goes when the run ends: the test workers inherit TMPDIR, which is where
 * `os.tmpdir()` looks. Suites need not clean up after themselves, and a run whose tests
 * fail leaves nothing behind either.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(path.join(tmpdir(), 'marquee-test-'));
  process.env.TMPDIR = runDir;
  const built = await buildFixtureCatalog();
  // Typed by the ProvidedContext declaration in sharedFixture.ts.
  project.provide('fixtureCatalog', built);
  return () => rm(runDir, { recursive: true, force: true });
}
