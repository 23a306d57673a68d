#!/usr/bin/env node
// Draws media/icon.png (128×128): a radar screen — rings, a sweep and one red blip, the outage —
// on a dark rounded square. Plain Node (zlib for the PNG's deflate stream), no image library:
// each pixel is sampled 4×4 times for anti-aliasing. Run `node scripts/draw-icon.mjs` to redraw.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SUB = 4;
const C = SIZE / 2;

const BACKGROUND = [11, 31, 51];
const RING = [64, 200, 140];
const SWEEP = [64, 220, 150];
const BLIP = [255, 82, 82];

/** Colour and coverage (0..1) of the layers at a point; later layers paint over earlier ones. */
function sample(x, y) {
  // Rounded square background (radius 24).
  const r = 24;
  const qx = Math.max(Math.abs(x - C) - (C - r), 0);
  const qy = Math.max(Math.abs(y - C) - (C - r), 0);
  if (Math.hypot(qx, qy) > r) return [0, 0, 0, 0];
  let rgb = BACKGROUND;
  const dx = x - C;
  const dy = y - C;
  const d = Math.hypot(dx, dy);
  const blend = (colour, a) => {
    rgb = rgb.map((v, i) => v + (colour[i] - v) * a);
  };
  // The sweep: a wedge behind the beam that fades with the angle, inside the outer ring.
  const beam = -Math.PI / 4; // pointing to the upper right
  let behind = beam - Math.atan2(dy, dx);
  while (behind < 0) behind += 2 * Math.PI;
  if (d < 50 && behind < Math.PI / 2) blend(SWEEP, 0.55 * (1 - behind / (Math.PI / 2)));
  // Rings and cross-hairs.
  for (const ring of [16, 33, 50]) if (Math.abs(d - ring) < 1.6) blend(RING, 0.9);
  if (d < 50 && (Math.abs(dx) < 0.8 || Math.abs(dy) < 0.8)) blend(RING, 0.35);
  // The beam itself.
  const along = dx * Math.cos(beam) + dy * Math.sin(beam);
  const across = -dx * Math.sin(beam) + dy * Math.cos(beam);
  if (along > 0 && along < 50 && Math.abs(across) < 1.8) blend(SWEEP, 1);
  // The blip: a red dot with a halo, where an outage shows up.
  const bd = Math.hypot(x - 84, y - 50);
  if (bd < 13) blend(BLIP, 0.25 * (1 - bd / 13));
  if (bd < 6.5) blend(BLIP, 1);
  // Centre dot.
  if (d < 3.5) blend(RING, 1);
  return [...rgb, 1];
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  pixels[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SUB; sy++) {
      for (let sx = 0; sx < SUB; sx++) {
        const [r, g, b, a] = sample(x + (sx + 0.5) / SUB, y + (sy + 0.5) / SUB);
        acc[0] += r * a;
        acc[1] += g * a;
        acc[2] += b * a;
        acc[3] += a;
      }
    }
    const o = row + 1 + x * 4;
    const alpha = acc[3] / (SUB * SUB);
    pixels[o] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
    pixels[o + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
    pixels[o + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
    pixels[o + 3] = Math.round(alpha * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
