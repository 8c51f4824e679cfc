import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/vectors/seededRandom.ts';
import { checksum } from './checksum.ts';

describe('checksum (of a kept file, against the note of its SHA-256 check)', () => {
  const random = seededRandom(7);
  const bytes = Uint8Array.from({ length: 4099 }, () => Math.floor(random() * 256));

  it('is the same for the same bytes, wherever they lie in memory', () => {
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(checksum(shifted.subarray(1))).toBe(checksum(bytes));
    expect(checksum(bytes.slice())).toBe(checksum(bytes));
  });

  it('changes with any one bit flipped, in the words or in the bytes after the last whole word', () => {
    const sums = new Set([checksum(bytes)]);
    for (const at of [0, 1, 2047, 4095, 4096, 4098]) {
      for (const bit of [0, 7]) {
        const damaged = bytes.slice();
        damaged[at] = damaged[at]! ^ (1 << bit);
        sums.add(checksum(damaged));
      }
    }
    expect(sums.size).toBe(13);
  });

  it('changes when two words have the same bit flipped (a multiply alone carries the top bit nowhere)', () => {
    const damaged = bytes.slice();
    damaged[3] = damaged[3]! ^ 0x80;
    damaged[4095] = damaged[4095]! ^ 0x80;
    expect(checksum(damaged)).not.toBe(checksum(bytes));
  });

  it('changes when the file is cut off or padded with zeros', () => {
    expect(checksum(bytes.subarray(0, 4096))).not.toBe(checksum(bytes));
    expect(checksum(new Uint8Array([1, 2, 3]))).not.toBe(checksum(new Uint8Array([1, 2, 3, 0])));
    expect(checksum(new Uint8Array(0))).not.toBe(checksum(new Uint8Array(4)));
  });
});
