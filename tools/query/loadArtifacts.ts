import { readFile } from 'node:fs/promises';
import path from 'node:path';
import initSqlJs, { type Database } from 'sql.js';
import { artifactMismatch, type ArtifactRef } from '../../src/catalog/artifactCheck.ts';
import { MANIFEST_FILE, parseManifest, type Manifest } from '../../src/catalog/manifest.ts';
import { sqlCatalog } from '../../src/catalog/sqlCatalog.ts';
import { createTitleSearch, type TitleSearch } from '../../src/catalog/titleSearch.ts';
import { loadEmbedder, type Embedder } from '../../src/embedding/embedder.ts';
import { loadHnswIndex } from '../../src/vectors/hnswIndex.ts';
import { hnswSearch } from '../../src/vectors/hnswSearch.ts';
import { vectorsFromIndex } from '../../src/vectors/indexVectors.ts';
import { readNeighbourLists } from '../../src/vectors/neighbourLists.ts';
import { MODEL_ROOT } from '../paths.ts';
import { loadHnswlibInNode } from '../runtime/hnswlibNode.ts';

export interface Artifacts {
  manifest: Manifest;
  db: Database;
  catalog: ReturnType<typeof sqlCatalog>;
  searchTitles: TitleSearch;
  vectors: ReturnType<typeof hnswSearch>;
  embedder(): Promise<Embedder>;
}

/** The built catalog, index and model, loaded with the same engines the browser uses. */
export async function loadArtifacts(dataDir: string): Promise<Artifacts> {
  const manifestPath = path.join(dataDir, MANIFEST_FILE);
  const manifest = parseManifest(
    await readFile(manifestPath, 'utf8').catch(() => {
      throw new Error(`no catalog at ${dataDir} (${MANIFEST_FILE} is missing): run \`npm run catalog\` first, or pass --data DIR`);
    }),
  );
  const SQL = await initSqlJs();
  const db = new SQL.Database(await readChecked(dataDir, manifest.catalog));
  const indexBytes = await readChecked(dataDir, manifest.index);
  const index = await loadHnswIndex(await loadHnswlibInNode(), indexBytes, {
    dims: manifest.model.dims,
    count: manifest.counts.titles,
    efSearch: manifest.index.efSearch,
  });
  let embedder: Promise<Embedder> | undefined;
  return {
    manifest,
    db,
    catalog: sqlCatalog(db),
    searchTitles: createTitleSearch(db),
    vectors: hnswSearch(
      index,
      vectorsFromIndex(indexBytes, manifest.model.dims),
      readNeighbourLists(await readChecked(dataDir, manifest.neighbours), manifest.counts.titles, manifest.neighbours.perTitle),
    ),
    embedder: () => (embedder ??= loadEmbedder({ modelRoot: MODEL_ROOT, device: 'cpu' })),
  };
}

/** An artifact's bytes, refused when they are not the ones the manifest describes. */
async function readChecked(dataDir: string, expected: ArtifactRef): Promise<Uint8Array> {
  const file = path.join(dataDir, expected.file);
  const bytes = new Uint8Array(await readFile(file));
  const mismatch = await artifactMismatch(bytes, expected);
  if (mismatch) throw new Error(`${file} is not the file ${MANIFEST_FILE} describes (${mismatch}): rebuild it with \`npm run catalog\``);
  return bytes;
}
