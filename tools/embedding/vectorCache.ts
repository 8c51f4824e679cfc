import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MODEL } from '../../src/embedding/model.ts';
import { sourceHashes, type Pins } from '../model/pins.ts';
import { EMBEDDING_CACHE_DIR } from '../paths.ts';

const HASH_BYTES = 32;

/** The cache file of the pinned model: the model and the truncation length shape the vectors, so both key it. */
export function embeddingCacheFile(pins: Pins, cacheDir = EMBEDDING_CACHE_DIR): string {
  const key = createHash('sha256').update(JSON.stringify({ files: sourceHashes(pins), maxTokens: MODEL.maxTokens })).digest('hex').slice(0, 16);
  return path.join(cacheDir, `${key}.bin`);
}

/**
 * Vectors keyed by the SHA-256 of the embedded text, in one append-only file per model
 * (hash, then `dims` float32s, per record). Appending after every batch is what makes a
 * killed build resumable; a torn last record from a kill is cut off on open.
 */
export class VectorCache {
  private readonly vectors = new Map<string, Float32Array>();
  private fd: number | undefined;

  constructor(
    readonly file: string,
    readonly dims: number,
  ) {
    const recordBytes = HASH_BYTES + dims * 4;
    if (!existsSync(file)) return;
    const bytes = readFileSync(file);
    const whole = bytes.length - (bytes.length % recordBytes);
    if (whole !== bytes.length) truncateSync(file, whole);
    for (let off = 0; off < whole; off += recordBytes) {
      const key = bytes.subarray(off, off + HASH_BYTES).toString('hex');
      const vec = new Float32Array(dims);
      new Uint8Array(vec.buffer).set(bytes.subarray(off + HASH_BYTES, off + recordBytes));
      this.vectors.set(key, vec);
    }
  }

  static key(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }

  get size(): number {
    return this.vectors.size;
  }

  get(key: string): Float32Array | undefined {
    return this.vectors.get(key);
  }

  add(entries: [key: string, vector: Float32Array][]): void {
    if (this.fd === undefined) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a');
    }
    const recordBytes = HASH_BYTES + this.dims * 4;
    const buf = Buffer.alloc(entries.length * recordBytes);
    entries.forEach(([key, vec], i) => {
      Buffer.from(key, 'hex').copy(buf, i * recordBytes);
      Buffer.from(vec.buffer, vec.byteOffset, vec.byteLength).copy(buf, i * recordBytes + HASH_BYTES);
      this.vectors.set(key, vec);
    });
    writeSync(this.fd, buf);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
