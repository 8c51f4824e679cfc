import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/vectors/seededRandom.ts';
import { precompress } from './precompress.ts';

const atQuality = (bytes: Uint8Array, quality: number) =>
  new Uint8Array(zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));

describe('precompressed copies of the data files', () => {
  const random = seededRandom(5);
  // Like int8 vectors: bytes clustered around 0, 92% of their size at either quality.
  const noise = Uint8Array.from({ length: 50_000 }, () => (Math.round((random() + random() + random() - 1.5) * 80) + 256) % 256);
  const words = ['heist', 'magician', 'stage', 'the', 'a', 'Paris', 'crew', 'vault', 'trick'];
  const text = new TextEncoder().encode(Array.from({ length: 10_000 }, () => words[Math.floor(random() * words.length)]).join(' '));

  it('decode to the same bytes', async () => {
    for (const bytes of [noise, text]) {
      const { br, gz } = await precompress(bytes);
      expect(new Uint8Array(zlib.brotliDecompressSync(br))).toEqual(bytes);
      expect(new Uint8Array(zlib.gunzipSync(gz))).toEqual(bytes);
    }
  });

  it('spend brotli\'s best quality only where it finds more than quality 9', async () => {
    expect((await precompress(text)).br.length).toBeLessThan(atQuality(text, 9).length);
    // Near-random bytes gain nothing from it: quality 9's copy, at a fraction of the time.
    expect(atQuality(noise, 11)).not.toEqual(atQuality(noise, 9));
    expect((await precompress(noise)).br).toEqual(atQuality(noise, 9));
  });
});
