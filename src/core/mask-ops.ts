// Measurements on masks: bounding box, pixel count, threshold, intersection over union.
import type { Rect } from './geometry';
import { createMask, type Mask } from './image';

/** The smallest integer rectangle holding every pixel with value > `threshold` (0..255), or null if there is none. */
export function computeMaskBoundingBox(mask: Mask, threshold = 127): Rect | null {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = -1;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const offset = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (data[offset + x] > threshold) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  return y0 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** How many pixels have value > `threshold` (0..255). */
export function countMaskPixels(mask: Mask, threshold = 127): number {
  let count = 0;
  const data = mask.data;
  for (let i = 0; i < data.length; i++) if (data[i] > threshold) count++;
  return count;
}

/** A binary mask: 255 where value > `threshold` (0..255), else 0. */
export function thresholdMask(mask: Mask, threshold = 127): Mask {
  const out = createMask(mask.width, mask.height);
  for (let i = 0; i < mask.data.length; i++) out.data[i] = mask.data[i] > threshold ? 255 : 0;
  return out;
}

/**
 * Intersection over union (0..1) of the two masks binarised at value > `threshold`; 1 when both are empty.
 * The masks must have the same size.
 */
export function computeMaskIoU(a: Mask, b: Mask, threshold = 127): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`computeMaskIoU: sizes differ (${a.width}×${a.height} vs ${b.width}×${b.height})`);
  }
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < a.data.length; i++) {
    const inA = a.data[i] > threshold;
    const inB = b.data[i] > threshold;
    if (inA && inB) intersection++;
    if (inA || inB) union++;
  }
  return union === 0 ? 1 : intersection / union;
}
