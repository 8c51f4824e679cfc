import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, type Manifest } from '../../src/catalog/manifest.ts';
import { MODEL } from '../../src/embedding/model.ts';
import { encodeTitleTexts } from '../../src/catalog/titleTexts.ts';
import { precompress } from '../artifacts/precompress.ts';
import { writeCatalogDb } from '../artifacts/sqliteCatalog.ts';
import type { VectorArtifacts } from '../artifacts/vectorArtifacts.ts';
import { assembleManifest, CATALOG_FILE, INDEX_FILE, NEIGHBOURS_FILE, round, TEXTS_FILE, type BuildRecord } from './assembleManifest.ts';

export interface CatalogParts extends Omit<BuildRecord, 'bytes' | 'index' | 'neighbours' | 'compressed'> {
  vectors: VectorArtifacts;
  synthetic?: Manifest['synthetic'];
}

/**
 * The last step of a build: catalog.sqlite and texts.bin from the entries, each data file with its `.br`
 * and `.gz` copies, and the manifest, written last so that a reader who sees it also sees
 * every file it names. Times its own work into `parts.timings` (write, total since `startedAt`).
 */
export async function writeCatalog(outDir: string, parts: CatalogParts, startedAt: number): Promise<Manifest> {
  const t = performance.now();
  const { vectors, synthetic, ...record } = parts;
  const catalog = await writeCatalogDb(parts.entries, { source: parts.source, model: MODEL.id });
  // Read back by catalog id: the entries' ids are their positions.
  parts.entries.forEach((e, i) => {
    if (e.id !== i) throw new Error(`entry ${i} has catalog id ${e.id}: ids must be positions`);
  });
  const texts = encodeTitleTexts(parts.entries);
  const files = { [CATALOG_FILE]: catalog, [TEXTS_FILE]: texts, [INDEX_FILE]: vectors.index, [NEIGHBOURS_FILE]: vectors.neighbours };
  const copies = Object.fromEntries(await Promise.all(Object.entries(files).map(async ([name, bytes]) => [name, await precompress(bytes)] as const)));
  const manifest = assembleManifest({
    ...record,
    bytes: { catalog, texts, index: vectors.index, neighbours: vectors.neighbours },
    index: vectors.search,
    neighbours: vectors.lists,
    compressed: Object.fromEntries(Object.entries(copies).map(([name, c]) => [name, { br: c.br.length, gz: c.gz.length }])),
  });
  if (synthetic) manifest.synthetic = synthetic;
  await mkdir(outDir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    await writeAtomic(path.join(outDir, name), bytes);
    await writeAtomic(path.join(outDir, `${name}.br`), copies[name]!.br);
    await writeAtomic(path.join(outDir, `${name}.gz`), copies[name]!.gz);
  }
  // The hnswlib index of format 3 builds: nothing reads it any more, and a site would ship it.
  await rm(path.join(outDir, 'catalog.hnsw'), { force: true });
  parts.timings.write = round((performance.now() - t) / 1000, 2);
  parts.timings.total = round((performance.now() - startedAt) / 1000, 2);
  await writeAtomic(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  return manifest;
}

async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await writeFile(`${file}.tmp`, data);
  await rename(`${file}.tmp`, file);
}
