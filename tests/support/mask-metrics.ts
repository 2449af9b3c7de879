// Mask quality measures for tests: IoU restricted to the band around the true edges, where refinement matters.
import type { Mask } from '../../src/core/image';

/**
 * Intersection over union of `mask` and `truth` (both binarised at > 127) counted only on pixels within
 * `radiusPx` (square window) of a true edge: whole-mask IoU is dominated by big interiors, this is not.
 */
export function computeBoundaryIoU(mask: Mask, truth: Mask, radiusPx = 3): number {
  const { width, height } = truth;
  // Integral image of the binary truth, so "window is mixed" is O(1) per pixel.
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    for (let x = 0; x < width; x++) {
      rowSum += truth.data[y * width + x] > 127 ? 1 : 0;
      integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1] + rowSum;
    }
  }
  let intersection = 0;
  let union = 0;
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radiusPx);
    const y1 = Math.min(height, y + radiusPx + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - radiusPx);
      const x1 = Math.min(width, x + radiusPx + 1);
      const inside = integral[y1 * (width + 1) + x1] - integral[y0 * (width + 1) + x1] - integral[y1 * (width + 1) + x0] + integral[y0 * (width + 1) + x0];
      if (inside === 0 || inside === (x1 - x0) * (y1 - y0)) continue;
      const a = mask.data[y * width + x] > 127;
      const b = truth.data[y * width + x] > 127;
      if (a && b) intersection++;
      if (a || b) union++;
    }
  }
  return union === 0 ? 1 : intersection / union;
}
