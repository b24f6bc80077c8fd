/**
 * Draws the menu-bar template images (black on transparent, as macOS expects, 16 pt and @2x) for
 * the three looks: idle (a ring), needs you (a ring with a filled centre), error (a ring with a
 * bar). Run once; the PNGs are committed under assets/tray/.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Shape = (x: number, y: number, size: number) => number; // alpha 0..1

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

function png(size: number, shape: Shape): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      // 4× supersampling for smooth edges.
      let alpha = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) alpha += shape(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4, size);
      row[1 + x * 4 + 3] = Math.round((alpha / 16) * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ring: Shape = (x, y, s) => {
  const d = Math.hypot(x - s / 2, y - s / 2) / s;
  return d > 0.3 && d < 0.44 ? 1 : 0;
};
const SHAPES: Record<string, Shape> = {
  idle: ring,
  attention: (x, y, s) => (Math.hypot(x - s / 2, y - s / 2) / s < 0.18 ? 1 : ring(x, y, s)),
  error: (x, y, s) =>
    Math.abs(x - s / 2) / s < 0.07 && Math.abs(y - s / 2) / s < 0.2 ? 1 : ring(x, y, s),
};

/** The app icon: a filled rounded square with the switch glyph, as PNGs in an .icns container. */
const appIcon: Shape = (x, y, s) => {
  const inset = s * 0.08;
  const r = s * 0.2;
  const cx = Math.min(Math.max(x, inset + r), s - inset - r);
  const cy = Math.min(Math.max(y, inset + r), s - inset - r);
  const inside =
    Math.hypot(x - cx, y - cy) <= r && x >= inset && y >= inset && x <= s - inset && y <= s - inset;
  return inside && ring(x, y, s) === 0 ? 1 : 0;
};

function icns(entries: Array<[string, Buffer]>): Buffer {
  const parts = entries.map(([type, data]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

writeFileSync(
  'assets/icon.icns',
  icns([
    ['ic07', png(128, appIcon)],
    ['ic08', png(256, appIcon)],
    ['ic09', png(512, appIcon)],
  ]),
);
writeFileSync('assets/icon.png', png(512, appIcon));

for (const [name, shape] of Object.entries(SHAPES)) {
  writeFileSync(`assets/tray/${name}Template.png`, png(16, shape));
  writeFileSync(`assets/tray/${name}Template@2x.png`, png(32, shape));
}
