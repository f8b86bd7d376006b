// Draws the Teams app icons as PNGs with node's zlib only: `node scripts/make-icons.mjs`.
// color.png: 192x192, full-bleed background with a golden thread; outline.png: 32x32, white on transparent.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** An RGBA PNG from a pixel function (x, y) => [r, g, b, a]. */
export function encodePng(size, pixel) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y).map(Math.round), row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// The thread: one and a half waves across the icon, sampled finely so distance gives smooth edges.
const threadPoints = (size) =>
  Array.from({ length: 600 }, (_, i) => {
    const t = i / 599;
    const x = size * (0.12 + 0.76 * t);
    return [x, size * (0.5 + 0.18 * Math.sin(t * Math.PI * 3))];
  });
const distanceTo = (points, x, y) => Math.min(...points.map(([px, py]) => Math.hypot(px - x, py - y)));
const coverage = (distance, halfWidth) => Math.max(0, Math.min(1, halfWidth + 0.5 - distance));

function colorIcon() {
  const size = 192;
  const points = threadPoints(size);
  const navy = [31, 56, 100];
  const gold = [245, 184, 46];
  return encodePng(size, (x, y) => {
    const c = coverage(distanceTo(points, x + 0.5, y + 0.5), 9);
    return [...navy.map((v, i) => v + (gold[i] - v) * c), 255];
  });
}

function outlineIcon() {
  const size = 32;
  const points = threadPoints(size);
  return encodePng(size, (x, y) => [255, 255, 255, 255 * coverage(distanceTo(points, x + 0.5, y + 0.5), 1.6)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'appPackage');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  console.log('wrote appPackage/color.png and appPackage/outline.png');
}
