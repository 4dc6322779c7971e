// Draws the app icon (a calendar page on the brand blue) as public/icon.svg and public/favicon.ico
// (16, 32 and 48 px PNGs in an ICO container), from one list of shapes. Run: npx tsx scripts/make-icons.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";

type Rgb = [number, number, number];
interface Shape {
  x: number;
  y: number;
  w: number;
  h: number;
  r: number;
  fill: string;
}

const BLUE = "#2563eb";
const WHITE = "#ffffff";
/** On a 32×32 canvas, painted in order. */
const SHAPES: Shape[] = [
  { x: 0, y: 0, w: 32, h: 32, r: 7, fill: BLUE },
  { x: 6, y: 8, w: 20, h: 18, r: 2.5, fill: WHITE },
  { x: 6, y: 12, w: 20, h: 2, r: 0, fill: BLUE },
  { x: 10, y: 5, w: 2.5, h: 6, r: 1.25, fill: WHITE },
  { x: 19.5, y: 5, w: 2.5, h: 6, r: 1.25, fill: WHITE },
  { x: 9, y: 16.5, w: 3.5, h: 3, r: 0.5, fill: BLUE },
  { x: 14.25, y: 16.5, w: 3.5, h: 3, r: 0.5, fill: BLUE },
  { x: 19.5, y: 16.5, w: 3.5, h: 3, r: 0.5, fill: BLUE },
  { x: 9, y: 21, w: 3.5, h: 3, r: 0.5, fill: BLUE },
  { x: 14.25, y: 21, w: 3.5, h: 3, r: 0.5, fill: BLUE },
];

function svg(): string {
  const rects = SHAPES.map(
    (s) => `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}"${s.r ? ` rx="${s.r}"` : ""} fill="${s.fill}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="32" height="32">\n${rects.join("\n")}\n</svg>\n`;
}

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

function inside(s: Shape, px: number, py: number): boolean {
  if (px < s.x || py < s.y || px > s.x + s.w || py > s.y + s.h) return false;
  const cx = Math.min(Math.max(px, s.x + s.r), s.x + s.w - s.r);
  const cy = Math.min(Math.max(py, s.y + s.r), s.y + s.h - s.r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= s.r ** 2 + 1e-9;
}

/** RGBA pixels, 4×4 supersampled. */
function raster(size: number): Buffer {
  const out = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = ((x + (sx + 0.5) / n) * 32) / size;
          const py = ((y + (sy + 0.5) / n) * 32) / size;
          let color: Rgb | null = null;
          for (const s of SHAPES) if (inside(s, px, py)) color = rgb(s.fill);
          if (color) {
            acc[0]! += color[0];
            acc[1]! += color[1];
            acc[2]! += color[2];
            acc[3]! += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      const covered = acc[3]!;
      out[i] = covered ? Math.round(acc[0]! / covered) : 0;
      out[i + 1] = covered ? Math.round(acc[1]! / covered) : 0;
      out[i + 2] = covered ? Math.round(acc[2]! / covered) : 0;
      out[i + 3] = Math.round((covered / (n * n)) * 255);
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number): Buffer {
  const pixels = raster(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function ico(sizes: number[]): Buffer {
  const images = sizes.map(png);
  const head = Buffer.alloc(6 + 16 * sizes.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(sizes.length, 4);
  let offset = head.length;
  sizes.forEach((size, i) => {
    const at = 6 + 16 * i;
    head.writeUInt8(size % 256, at);
    head.writeUInt8(size % 256, at + 1);
    head.writeUInt16LE(1, at + 4); // planes
    head.writeUInt16LE(32, at + 6); // bits per pixel
    head.writeUInt32LE(images[i]!.length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += images[i]!.length;
  });
  return Buffer.concat([head, ...images]);
}

const dir = path.join(import.meta.dirname, "..", "public");
writeFileSync(path.join(dir, "icon.svg"), svg());
writeFileSync(path.join(dir, "favicon.ico"), ico([16, 32, 48]));
