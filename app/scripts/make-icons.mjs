// Draws the app's PNG icons (public/icon-192.png, public/icon-512.png) from the same shapes as
// public/icon.svg — two linked rings on the site's teal — with no image library: coverage per
// pixel from 4×4 samples, written as an RGBA PNG with node:zlib. Run after changing the icon:
//   node app/scripts/make-icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const teal = [0x0b, 0x61, 0x58];
const white = [0xff, 0xff, 0xff];

/** The icon on a 512 × 512 canvas: is (x, y) inside the tile, on a ring? */
function shade(x, y) {
  const r = 96;
  const inTile = (() => {
    const dx = Math.max(r - x, 0, x - (512 - r));
    const dy = Math.max(r - y, 0, y - (512 - r));
    return dx * dx + dy * dy <= r * r;
  })();
  if (!inTile) return null;
  const onRing = (cx) => Math.abs(Math.hypot(x - cx, y - 256) - 96) <= 22;
  return onRing(190) || onRing(322) ? white : teal;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const samples = 4;
  const scale = 512 / size;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade(
            (px + (sx + 0.5) / samples) * scale,
            (py + (sy + 0.5) / samples) * scale,
          );
          if (!colour) continue;
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          sum[3] += 1;
        }
      const n = samples * samples;
      const o = 1 + px * 4;
      if (sum[3] > 0) {
        row[o] = Math.round(sum[0] / sum[3]);
        row[o + 1] = Math.round(sum[1] / sum[3]);
        row[o + 2] = Math.round(sum[2] / sum[3]);
      }
      row[o + 3] = Math.round((sum[3] / n) * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512])
  writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), png(size));
console.log("icons written: app/public/icon-192.png, app/public/icon-512.png");
