import type { ModelFile } from '../../../src/embedding/model.ts';

/** Where model files come from. `fresh` asks a source to bypass anything it cached itself. */
export interface ModelSource {
  describe(): string;
  fetch(files: ModelFile[], opts: { fresh: boolean }): Promise<Map<ModelFile, Uint8Array>>;
}
