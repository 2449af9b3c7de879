// Per-channel 8-bit lookup tables (tone curves, white-balance gains): built from a function of linear light, applied in place.
import type { RgbaImage } from './image';
import { encodeLinearToSrgb } from './color-transfer';
import { srgbToLinearLut } from './color-difference';

/** One table per colour channel: `lut[level]` is the new 8-bit level of an input level 0..255. */
export type ChannelLut = Uint8Array;

/** A table from a curve on linear light (0..1 in, 0..1 out; results are clamped and rounded). */
export function buildLinearCurveLut(curve: (linear: number) => number): ChannelLut {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.round(encodeLinearToSrgb(curve(srgbToLinearLut[v])));
  return lut;
}

/** A table from a curve on sRGB-encoded values (0..255 float in, 0..255 float out; clamped and rounded). */
export function buildEncodedCurveLut(curve: (encoded: number) => number): ChannelLut {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.max(0, Math.round(curve(v))));
  return lut;
}

/** True when the table changes nothing. */
export function isIdentityLut(lut: ChannelLut): boolean {
  for (let v = 0; v < 256; v++) if (lut[v] !== v) return false;
  return true;
}

/**
 * Replaces every pixel's R, G and B by their tables' entries (alpha kept). `onRows(fraction)` is called every
 * 256 rows (e.g. to check an abort signal).
 */
export function applyChannelLutsInPlace(
  image: RgbaImage,
  luts: readonly [ChannelLut, ChannelLut, ChannelLut],
  onRows?: (fraction: number) => void,
): void {
  const [lr, lg, lb] = luts;
  const { width, height, data } = image;
  const rowLength = width * 4;
  for (let y0 = 0; y0 < height; y0 += 256) {
    const end = Math.min(height, y0 + 256) * rowLength;
    for (let p = y0 * rowLength; p < end; p += 4) {
      data[p] = lr[data[p]];
      data[p + 1] = lg[data[p + 1]];
      data[p + 2] = lb[data[p + 2]];
    }
    onRows?.(Math.min(height, y0 + 256) / height);
  }
}
