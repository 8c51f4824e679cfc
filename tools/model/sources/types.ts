import type { InstalledFile } from '../../../src/embedding/model.ts';

/** Where model files come from. `fresh` asks a source to bypass anything it cached itself. */
export interface ModelSource {
  describe(): string;
  fetch(files: InstalledFile[], opts: { fresh: boolean }): Promise<Map<InstalledFile, Uint8Array>>;
}
