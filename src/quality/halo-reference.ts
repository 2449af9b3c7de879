// Quality metric support: the "perfect cut" a halo is measured against when no true foreground is known.
import type { Mask, RgbaImage } from '../core/image';

/**
 * The same cut with clean edges: every edge pixel (0 < alpha < 255) is redrawn as a·F + (1 − a)·bg, where F is
 * the mean colour of the fully opaque piece pixels within `radiusPx` (square window, widened up to 4× when
 * none is near) — the piece's own colour carried to its edge, with no trace of any old backdrop. Other pixels
 * are copied. What is left between an output and this reference at the edge ring is leaked backdrop colour.
 * Memory: one copy of the image.
 */
export function renderCleanEdgeReference(
  image: RgbaImage,
  alpha: Mask,
  backgroundRgb: readonly [number, number, number],
  radiusPx = 2,
): RgbaImage {
  const { width, height, data } = image;
  if (alpha.width !== width || alpha.height !== height) {
    throw new RangeError(`renderCleanEdgeReference: alpha is ${alpha.width}×${alpha.height}, image is ${width}×${height}`);
  }
  const reference = { width, height, data: new Uint8ClampedArray(data) };
  const a = alpha.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const coverage = a[i];
      if (coverage === 0 || coverage === 255) continue;
      let sumR = 0;
      let sumG = 0;
      let sumB = 0;
      let count = 0;
      for (let r = radiusPx; count === 0 && r <= 4 * radiusPx; r *= 2) {
        for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
          for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
            const j = yy * width + xx;
            if (a[j] !== 255) continue;
            sumR += data[j * 4];
            sumG += data[j * 4 + 1];
            sumB += data[j * 4 + 2];
            count++;
          }
        }
      }
      const f = coverage / 255;
      const p = i * 4;
      // No opaque pixel near (a wisp of fine chain): the piece colour is unknown; keep the output's own pixel.
      if (count === 0) continue;
      reference.data[p] = f * (sumR / count) + (1 - f) * backgroundRgb[0];
      reference.data[p + 1] = f * (sumG / count) + (1 - f) * backgroundRgb[1];
      reference.data[p + 2] = f * (sumB / count) + (1 - f) * backgroundRgb[2];
    }
  }
  return reference;
}
