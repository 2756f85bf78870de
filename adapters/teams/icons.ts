/**
 * The two Teams app icons, drawn in code from the council's colour so each council's package matches
 * its brand with no design tool: a speech bubble with three dots.
 * - color.png: 192x192, a white bubble on the council's primary colour.
 * - outline.png: 32x32, a white bubble outline on a transparent background (Teams requires exactly that).
 *
 * The PNG encoder is a few lines over node:zlib: the maintained image libraries (sharp, canvas, jimp)
 * bring native binaries or megabytes of code for two small flat pictures, and pngjs is not installed.
 */
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA image as a PNG file (8 bits per channel, no interlace, filter "none" on every row). */
export function encodePng(width: number, height: number, pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes, got ${pixels.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(pixels.buffer, pixels.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Width and height from a PNG's header, for checks. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('ascii') !== 'PNG' || png.subarray(12, 16).toString('ascii') !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function hexColour(hex: string): Rgba {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), 255];
}

// Shapes as signed distance functions over the unit square: negative inside, positive outside.
function roundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function triangle(x: number, y: number, pts: [number, number][]): number {
  let d = Infinity;
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]!;
    const [xj, yj] = pts[j]!;
    const ex = xi - xj;
    const ey = yi - yj;
    const t = Math.max(0, Math.min(1, ((x - xj) * ex + (y - yj) * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(x - xj - ex * t, y - yj - ey * t));
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? -d : d;
}

const circle = (x: number, y: number, cx: number, cy: number, r: number) => Math.hypot(x - cx, y - cy) - r;

/** The speech bubble: a rounded box with a tail at the bottom left. */
function bubble(x: number, y: number): number {
  return Math.min(
    roundedRect(x, y, 0.16, 0.2, 0.84, 0.68, 0.12),
    triangle(x, y, [
      [0.27, 0.6],
      [0.47, 0.6],
      [0.24, 0.84],
    ]),
  );
}

function dots(x: number, y: number): number {
  return Math.min(circle(x, y, 0.33, 0.44, 0.055), circle(x, y, 0.5, 0.44, 0.055), circle(x, y, 0.67, 0.44, 0.055));
}

/** Draws size x size pixels, 4x4 samples each for smooth edges; paint says the colour at a point, or null. */
function render(size: number, background: Rgba | null, paint: (x: number, y: number) => Rgba | null): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size) ?? background;
          if (!colour) continue;
          const a = colour[3] / 255;
          sum[0]! += colour[0] * a;
          sum[1]! += colour[1] * a;
          sum[2]! += colour[2] * a;
          sum[3]! += a;
        }
      }
      const alpha = sum[3]! / (samples * samples);
      const i = (py * size + px) * 4;
      // Colours are stored un-premultiplied, as PNG expects.
      pixels[i] = alpha ? Math.round(sum[0]! / sum[3]!) : 0;
      pixels[i + 1] = alpha ? Math.round(sum[1]! / sum[3]!) : 0;
      pixels[i + 2] = alpha ? Math.round(sum[2]! / sum[3]!) : 0;
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

const WHITE: Rgba = [255, 255, 255, 255];

/** 192x192: a white bubble with dots in the council colour, on the council colour. */
export function colorIcon(primary: string): Buffer {
  const brand = hexColour(primary);
  return render(192, brand, (x, y) => (dots(x, y) <= 0 ? brand : bubble(x, y) <= 0 ? WHITE : null));
}

/** 32x32: the bubble's outline and dots in white, everything else transparent. */
export function outlineIcon(): Buffer {
  const stroke = 2.5 / 32;
  return render(32, null, (x, y) => {
    const d = bubble(x, y);
    return (d <= 0 && d >= -stroke) || dots(x, y) <= 0 ? WHITE : null;
  });
}
