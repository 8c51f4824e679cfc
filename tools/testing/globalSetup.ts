import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildFixtureCatalog } from './fixtureCatalog.ts';

/**
 * Builds the sample catalog once per vitest run, before any test file, for every suite to
 * read (tools/testing/sharedFixture.ts): the 27 titles are embedded, indexed and measured,
 * and MiniLM loaded, once per run rather than once per suite.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const built = await buildFixtureCatalog();
  // Typed by the ProvidedContext declaration in sharedFixture.ts.
  project.provide('fixtureCatalog', built);
  return () => rm(built.root, { recursive: true, force: true });
}
