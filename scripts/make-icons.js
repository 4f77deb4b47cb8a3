#!/usr/bin/env node
/**
 * Writes the add-in's icons (assets/icon-16.png ... icon-80.png): a blue tile with three white
 * bars of different heights (a split). Plain zlib, no image library; the PNGs are committed, so
 * this only runs again when the design changes: `node scripts/make-icons.js`.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80];
const BLUE = [0x1f, 0x4e, 0x79, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA colour of pixel (x, y) of an n×n icon. */
function pixel(x, y, n) {
  const r = n * 0.18; // corner radius
  const cx = x < r ? r : x > n - 1 - r ? n - 1 - r : x;
  const cy = y < r ? r : y > n - 1 - r ? n - 1 - r : y;
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return CLEAR;
  // Three bars standing on a common base line, heights 40 %, 60 %, 80 % of the inner area.
  const pad = Math.max(2, Math.round(n * 0.18));
  const inner = n - 2 * pad;
  const gap = Math.max(1, Math.round(inner / 10));
  const barW = Math.floor((inner - 2 * gap) / 3);
  const heights = [0.4, 0.6, 0.8];
  for (let i = 0; i < 3; i++) {
    const x0 = pad + i * (barW + gap);
    const top = n - pad - Math.round(inner * heights[i]);
    if (x >= x0 && x < x0 + barW && y >= top && y < n - pad) return WHITE;
  }
  return BLUE;
}

function png(n) {
  const raw = Buffer.alloc((n * 4 + 1) * n);
  for (let y = 0; y < n; y++) {
    raw[y * (n * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < n; x++) Buffer.from(pixel(x, y, n)).copy(raw, y * (n * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(n, 0);
  ihdr.writeUInt32BE(n, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const dir = path.join(__dirname, "..", "assets");
fs.mkdirSync(dir, { recursive: true });
for (const n of SIZES) {
  const file = path.join(dir, `icon-${n}.png`);
  fs.writeFileSync(file, png(n));
  console.log(`${path.relative(process.cwd(), file)} ${n}x${n}`);
}
