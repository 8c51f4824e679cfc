import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { ROOT } from './paths.ts';

/**
 * Draws the app icons (public/icons/, committed): an amber marquee board with three rows of
 * bulbs around a dark screen. Pure pixel math and a minimal PNG encoder, so the icons are
 * reproducible without an image library: `npx tsx tools/icons.ts`.
 */
const AMBER: Rgb = [245, 158, 11];
const DARK: Rgb = [23, 23, 23];
const BULB: Rgb = [254, 243, 199];
type Rgb = [number, number, number];

function draw(size: number, maskable: boolean): Uint8Array {
  // Maskable icons keep their drawing inside the central 80% safe zone and fill the rest.
  const inset = maskable ? 0.2 : 0.06;
  const pixels = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      const inBoard = u > inset && u < 1 - inset && v > inset && v < 1 - inset;
      const screen = u > inset + 0.12 && u < 1 - inset - 0.12 && v > inset + 0.16 && v < 1 - inset - 0.16;
      const bulbRow = Math.abs(v - (inset + 0.07)) < 0.025 || Math.abs(v - (1 - inset - 0.07)) < 0.025;
      const bulb = bulbRow && Math.abs(((u - inset) * 14) % 1 - 0.5) < 0.22 && inBoard;
      let colour: Rgb | null = maskable ? AMBER : null;
      if (inBoard) colour = screen ? DARK : bulb ? BULB : AMBER;
      // A play triangle on the screen.
      const tri = screen && u > 0.42 && u < 0.62 && Math.abs(v - 0.5) < (0.62 - u) * 0.9;
      if (tri) colour = AMBER;
      const at = (y * size + x) * 4;
      if (colour) pixels.set([...colour, 255], at);
    }
  }
  return png(size, size, pixels);
}

function png(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const raw = new Uint8Array(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter, no interlace
  return Buffer.concat([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const dir = path.join(ROOT, 'public/icons');
mkdirSync(dir, { recursive: true });
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true]] as const) {
  writeFileSync(path.join(dir, name), draw(size, maskable));
}
console.log(`icons written to ${path.relative(process.cwd(), dir)}`);
