import { appendFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorCache } from './vectorCache.ts';

describe('VectorCache', () => {
  it('persists vectors by text hash and survives a write torn by a kill', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'vc-')), 'm.bin');
    const a = VectorCache.key('a');
    const b = VectorCache.key('b');
    const cache = new VectorCache(file, 3);
    cache.add([[a, Float32Array.of(1, 2, 3)], [b, Float32Array.of(4, 5, 6)]]);
    cache.close();
    appendFileSync(file, Buffer.alloc(17)); // half a record, as a kill mid-write leaves it

    const reopened = new VectorCache(file, 3);
    expect(reopened.size).toBe(2);
    expect([...reopened.get(b)!]).toEqual([4, 5, 6]);
    expect(statSync(file).size).toBe(2 * (32 + 12));
    reopened.add([[VectorCache.key('c'), Float32Array.of(7, 8, 9)]]);
    reopened.close();
    expect(new VectorCache(file, 3).size).toBe(3);
  });
});
