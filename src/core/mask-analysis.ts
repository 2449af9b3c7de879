// Measurements that tell a packshot from a photo needing a look: the mask at the frame's edge, separate objects, unsure alpha, skin-coloured pixels.
import { createBinaryPlaneWhere, labelBinaryRegions } from './binary-morphology';
import type { Mask } from './image';
import { resizeMask } from './resize';

/** Share of each frame side's pixels that belong to the piece (alpha > threshold), 0..1. */
export interface BorderContact {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The largest of the four. */
  max: number;
}

export function measureBorderContact(mask: Mask, threshold = 127): BorderContact {
  const { width, height, data } = mask;
  let top = 0;
  let bottom = 0;
  let left = 0;
  let right = 0;
  for (let x = 0; x < width; x++) {
    if (data[x] > threshold) top++;
    if (data[(height - 1) * width + x] > threshold) bottom++;
  }
  for (let y = 0; y < height; y++) {
    if (data[y * width] > threshold) left++;
    if (data[y * width + width - 1] > threshold) right++;
  }
  const contact = { top: top / width, bottom: bottom / width, left: left / height, right: right / height };
  return { ...contact, max: Math.max(contact.top, contact.bottom, contact.left, contact.right) };
}

/** A frame side with more than this share of piece pixels: the piece runs off the photo (worn, held, cut off). */
export const defaultMaxEdgeContact = 0.05;

/** Whether the piece runs off the photo: some frame side has more than `maxEdgeContact` (0..1) of piece pixels. */
export function isRunningOffPhoto(mask: Mask, maxEdgeContact = defaultMaxEdgeContact): boolean {
  return measureBorderContact(mask).max > maxEdgeContact;
}

/**
 * Areas (in pixels of a copy whose long side is at most `workLongSidePx`) of the 8-connected pieces of the
 * mask (alpha > threshold), largest first. Memory: the small copy, a binary plane and an Int32 label plane of its size.
 */
export function measureComponentAreas(mask: Mask, threshold = 127, workLongSidePx = 512): number[] {
  const scale = Math.min(1, workLongSidePx / Math.max(mask.width, mask.height));
  const small = scale < 1 ? resizeMask(mask, Math.max(1, Math.round(mask.width * scale)), Math.max(1, Math.round(mask.height * scale))) : mask;
  const { labels, count } = labelBinaryRegions(createBinaryPlaneWhere(small.width, small.height, (k) => small.data[k] > threshold));
  const areas = new Array<number>(count).fill(0);
  for (let k = 0; k < labels.length; k++) if (labels[k] > 0) areas[labels[k] - 1]++;
  return areas.sort((a, b) => b - a);
}

/** Share (0..1) of the piece's soft edge: pixels with alpha strictly between `low` and `high` over pixels above 127. */
export function measureUncertainShare(mask: Mask, low = 40, high = 215): number {
  let uncertain = 0;
  let piece = 0;
  for (let i = 0; i < mask.data.length; i++) {
    const v = mask.data[i];
    if (v > low && v < high) uncertain++;
    if (v > 127) piece++;
  }
  return piece === 0 ? 0 : uncertain / piece;
}

/**
 * Whether a colour (0..255 per channel) is skin-like: YCbCr with Cb 77..127 and Cr 133..173 (Chai & Ngan),
 * luma 60..240, and not strongly saturated like gold.
 */
export function isSkinColour(r: number, g: number, b: number): boolean {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
  const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  const max = Math.max(r, g, b);
  const saturation = max === 0 ? 0 : (max - Math.min(r, g, b)) / max;
  return y > 60 && y < 240 && cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173 && saturation < 0.55;
}
