import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/catalog/manifest.ts';
import { openEngine } from './runtime/nodePlatform.ts';
import { fixtureCatalog } from './testing/sharedFixture.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');

describe('npm run catalog:scale', () => {
  it('derives a larger synthetic catalog the engine opens: new titles and keys, every title with neighbours', async () => {
    const { outDir: from, manifest: real } = fixtureCatalog();
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'marquee-scale-')), 'data');
    await run(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'tools/scaleCatalog.ts'), '--from', from, '--out', out, '--titles', '100'], { cwd: ROOT });

    const manifest = parseManifest(await readFile(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.synthetic).toEqual({ from: real.version, seed: 1 });
    expect(manifest.counts.titles).toBe(100);
    expect(manifest.neighbours.recallAt10).toBeGreaterThanOrEqual(0.98);

    const engine = await openEngine(out);
    const copies = engine.searchTitles('heat', 10).filter((h) => h.title.startsWith('Heat'));
    // The sample's Heat titles, then each again as "Heat 2", "Heat 3"...: once per time round the 27 sample titles.
    expect(new Set(copies.map((h) => h.title))).toEqual(new Set(['Heat', 'Heat 2', 'Heat 3', 'Heat 4']));
    expect(new Set(copies.map((h) => h.key)).size).toBe(copies.length);
    const query = copies.find((h) => h.title === 'Heat 2')!.key;
    const similar = engine.similar(query, 5);
    expect(similar).toHaveLength(5);
    expect(similar.map((r) => r.entry.key)).not.toContain(query);
  });
});
