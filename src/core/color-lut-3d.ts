// A 3D colour lookup table on 8-bit sRGB (trilinear), built from any colour transform and applied in place under a mask.
import type { Mask, RgbaImage } from './image';

/** A transform of one sRGB colour (each 0..255, float) that writes its result (0..255, float) into `out`. */
export type ColorTransform = (r: number, g: number, b: number, out: Float64Array) => void;

export interface ColorLut3d {
  /** Grid nodes per axis. */
  size: number;
  /** size³ × 3 output values (0..255), red fastest, then green, then blue. */
  data: Float32Array;
}

/** Samples `transform` on a size³ grid spanning 0..255 on each axis (nodes at k·255/(size − 1)). */
export function buildColorLut3d(transform: ColorTransform, size = 33): ColorLut3d {
  const data = new Float32Array(size * size * size * 3);
  const out = new Float64Array(3);
  const scale = 255 / (size - 1);
  let o = 0;
  for (let b = 0; b < size; b++) {
    for (let g = 0; g < size; g++) {
      for (let r = 0; r < size; r++) {
        transform(r * scale, g * scale, b * scale, out);
        data[o++] = Math.min(255, Math.max(0, out[0]));
        data[o++] = Math.min(255, Math.max(0, out[1]));
        data[o++] = Math.min(255, Math.max(0, out[2]));
      }
    }
  }
  return { size, data };
}

/**
 * Replaces each pixel by the table's trilinear value, blended by its mask alpha (0..255) times `strength`
 * (0..1): pixels with mask 0 are untouched, so the table acts on the piece only. Alpha is kept.
 * `onRows(fraction)` every 256 rows.
 */
export function applyColorLut3dInPlace(
  image: RgbaImage,
  lut: ColorLut3d,
  mask: Mask,
  strength = 1,
  onRows?: (fraction: number) => void,
): void {
  const { width, height, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`applyColorLut3dInPlace: mask is ${mask.width}×${mask.height}, image is ${width}×${height}`);
  }
  if (strength <= 0) return;
  const { size, data: table } = lut;
  // Per 8-bit level: the grid cell's lower node and the fraction towards the next one.
  const index = new Int32Array(256);
  const fraction = new Float32Array(256);
  for (let v = 0; v < 256; v++) {
    const position = (v * (size - 1)) / 255;
    const k = Math.min(size - 2, Math.floor(position));
    index[v] = k;
    fraction[v] = position - k;
  }
  const strideG = size * 3;
  const strideB = size * size * 3;
  const weight = strength / 255;
  const result = new Float64Array(3);
  let lastKey = -1;
  for (let y0 = 0; y0 < height; y0 += 256) {
    const y1 = Math.min(height, y0 + 256);
    for (let i = y0 * width; i < y1 * width; i++) {
      const m = mask.data[i];
      if (m === 0) continue;
      const p = i * 4;
      const r = data[p];
      const g = data[p + 1];
      const b = data[p + 2];
      const key = (r << 16) | (g << 8) | b;
      if (key !== lastKey) {
        lastKey = key;
        const fr = fraction[r];
        const fg = fraction[g];
        const fb = fraction[b];
        const base = index[r] * 3 + index[g] * strideG + index[b] * strideB;
        for (let c = 0; c < 3; c++) {
          const o = base + c;
          const c00 = table[o] + (table[o + 3] - table[o]) * fr;
          const c10 = table[o + strideG] + (table[o + strideG + 3] - table[o + strideG]) * fr;
          const c01 = table[o + strideB] + (table[o + strideB + 3] - table[o + strideB]) * fr;
          const c11 = table[o + strideB + strideG] + (table[o + strideB + strideG + 3] - table[o + strideB + strideG]) * fr;
          const c0 = c00 + (c10 - c00) * fg;
          const c1 = c01 + (c11 - c01) * fg;
          result[c] = c0 + (c1 - c0) * fb;
        }
      }
      const alpha = m * weight;
      data[p] = r + (result[0] - r) * alpha;
      data[p + 1] = g + (result[1] - g) * alpha;
      data[p + 2] = b + (result[2] - b) * alpha;
    }
    onRows?.(y1 / height);
  }
}
