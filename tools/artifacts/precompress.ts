import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Above this size brotli's best quality would take many minutes (about 3 s a MB here). */
const BEST_QUALITY_UP_TO = 64 * 1024 * 1024;
/**
 * A file that quality 9 leaves above this share of its size is close to random, and the best
 * quality finds nothing more in it: the int8 vectors at 60k titles are 88% of their size at
 * either (20.296 against 20.295 MB), but quality 11 took 68 s and quality 9 2.6 s. Files with
 * structure gain 7-12% from it (catalog.sqlite 5.34 -> 4.71 MB, texts.bin 5.44 -> 5.04 MB).
 */
const NEAR_RANDOM = 0.85;

/**
 * The copies a static host serves in place of a file (`Content-Encoding: br` or `gzip`):
 * brotli at its best quality with a 16 MB window (catalog.sqlite at 60k titles: 19.7 MB ->
 * 4.7 MB, in about 40 s, once per build) where that pays, else at quality 9; gzip for hosts
 * without brotli.
 */
export async function precompress(bytes: Uint8Array): Promise<{ br: Uint8Array; gz: Uint8Array }> {
  const atQuality = (quality: number) =>
    brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const [fast, gz] = await Promise.all([atQuality(9), gzip(bytes, { level: 9 })]);
  const best = bytes.length <= BEST_QUALITY_UP_TO && fast.length <= NEAR_RANDOM * bytes.length;
  return { br: new Uint8Array(best ? await atQuality(11) : fast), gz: new Uint8Array(gz) };
}
