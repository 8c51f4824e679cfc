import { inject } from 'vitest';
import type { FixtureCatalog } from './fixtureCatalog.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureCatalog: FixtureCatalog;
  }
}

/**
 * The sample catalog (tools/fixtures/trakt-sample.jsonl), built once for the whole test run
 * by tools/testing/globalSetup.ts. Every suite reads the same files, in parallel workers:
 * never write under its directories. A test that changes a catalog or its embedding cache
 * copies them to a directory of its own first, or builds its own with `buildFixtureCatalog`.
 */
export function fixtureCatalog(): FixtureCatalog {
  const built = inject('fixtureCatalog');
  if (!built) throw new Error('no shared fixture catalog: run the tests through vite.config.ts, whose test.globalSetup builds it');
  return built;
}
