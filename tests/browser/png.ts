/**
 * Just enough PNG reading for the tests to check an image's exact size and that it is not blank:
 * the IHDR chunk, and the pixels of 8-bit, non-interlaced grey / RGB / RGBA images (what Chromium's
 * canvas and poppler's pdftoppm write). Node's zlib does the inflating.
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngSize {
  width: number;
  height: number;
}

export function pngSize(bytes: Buffer): PngSize {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG file (no IHDR first)');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export interface PngPixels extends PngSize {
  /** Samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
  data: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export function decodePng(bytes: Buffer): PngPixels {
  const { width, height } = pngSize(bytes);
  const bitDepth = bytes[24];
  const colourType = bytes[25] ?? -1;
  const interlace = bytes[28];
  const channels = CHANNELS[colourType];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`PNG with bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}: only 8-bit non-interlaced grey/RGB(A) is read here`);
  }
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels]! : 0;
      const b = y > 0 ? data[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels]! : 0;
      const v = raw[src + x]!;
      let out: number;
      switch (filter) {
        case 0:
          out = v;
          break;
        case 1:
          out = v + a;
          break;
        case 2:
          out = v + b;
          break;
        case 3:
          out = v + ((a + b) >> 1);
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default:
          throw new Error(`PNG row ${y}: unknown filter ${filter}`);
      }
      data[y * stride + x] = out & 0xff;
    }
  }
  return { width, height, channels, data };
}

/**
 * How much is drawn: the share of pixels that are not near-white, and how many distinct colours
 * (quantised to 4 bits a channel) appear. A blank page is ~0 and ~1.
 */
export function inkStats(png: PngPixels): { inkShare: number; colours: number } {
  const { data, channels } = png;
  let ink = 0;
  const seen = new Set<number>();
  const pixels = png.width * png.height;
  for (let i = 0; i < pixels; i++) {
    const o = i * channels;
    const r = data[o]!;
    const g = channels >= 3 ? data[o + 1]! : r;
    const b = channels >= 3 ? data[o + 2]! : r;
    if (r < 235 || g < 235 || b < 235) ink++;
    seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
  }
  return { inkShare: ink / pixels, colours: seen.size };
}
