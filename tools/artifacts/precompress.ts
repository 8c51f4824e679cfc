import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Above this size brotli's best quality would take many minutes (about 3 s a MB here). */
const BEST_QUALITY_UP_TO = 64 * 1024 * 1024;

/**
 * The copies a static host serves in place of a file (`Content-Encoding: br` or `gzip`):
 * brotli at its best quality with a 16 MB window (catalog.sqlite at 60k titles: 40.4 MB ->
 * 10.6 MB, in about 2 minutes, once per build; quality 9 above 64 MB: 11.9 MB, 4x faster),
 * gzip for hosts without brotli.
 */
export async function precompress(bytes: Uint8Array): Promise<{ br: Uint8Array; gz: Uint8Array }> {
  const quality = bytes.length <= BEST_QUALITY_UP_TO ? 11 : 9;
  const [br, gz] = await Promise.all([
    brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    gzip(bytes, { level: 9 }),
  ]);
  return { br: new Uint8Array(br), gz: new Uint8Array(gz) };
}
