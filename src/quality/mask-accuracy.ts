// Quality metric: how well a mask matches the ground-truth mask, as area overlap (IoU) and as boundary F-measure.
import type { Mask } from '../core/image';
import { computeMaskIoU } from '../core/mask-ops';

/** Boundary agreement of a mask with the truth; every field 0..1. */
export interface BoundaryFMeasure {
  /** Share of the mask's boundary pixels lying within the tolerance of a true boundary pixel. */
  precision: number;
  /** Share of the true boundary pixels lying within the tolerance of a boundary pixel of the mask. */
  recall: number;
  /** Harmonic mean of precision and recall (0 when both are 0). */
  fMeasure: number;
}

export interface MaskAccuracy extends BoundaryFMeasure {
  /** Intersection over union of the binarised masks, 0..1. */
  iou: number;
}

export interface MaskAccuracyOptions {
  /** A pixel belongs to the piece when its value (0..255) is above this. */
  threshold?: number;
  /** Largest Euclidean distance, px, at which two boundary pixels still match. */
  tolerancePx?: number;
}

/**
 * The BSDS benchmark's usual tolerance, 0.75 % of the image diagonal (at least 1 px), for when no fixed
 * tolerance suits images of mixed sizes.
 */
export function computeDiagonalTolerancePx(width: number, height: number): number {
  return Math.max(1, Math.round(0.0075 * Math.hypot(width, height)));
}

/**
 * The boundary of a mask binarised at > `threshold`: 1 for each piece pixel with a 4-neighbour that is
 * background, else 0. The image border is not a boundary (a piece cut by the frame has no edge there).
 */
function markBoundary(mask: Mask, threshold: number): Uint8Array {
  const { width, height, data } = mask;
  const boundary = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (data[i] <= threshold) continue;
      if (
        (x > 0 && data[i - 1] <= threshold) ||
        (x < width - 1 && data[i + 1] <= threshold) ||
        (y > 0 && data[i - width] <= threshold) ||
        (y < height - 1 && data[i + width] <= threshold)
      ) {
        boundary[i] = 1;
      }
    }
  }
  return boundary;
}

/** Offsets (dx, dy) of the disc of radius `radiusPx`, nearest first, so a search can stop at the first hit. */
function listDiscOffsets(radiusPx: number): Int32Array {
  const reach = Math.floor(radiusPx);
  const offsets: [number, number, number][] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const distanceSq = dx * dx + dy * dy;
      if (distanceSq <= radiusPx * radiusPx) offsets.push([dx, dy, distanceSq]);
    }
  }
  offsets.sort((p, q) => p[2] - q[2]);
  const flat = new Int32Array(offsets.length * 2);
  offsets.forEach(([dx, dy], k) => {
    flat[2 * k] = dx;
    flat[2 * k + 1] = dy;
  });
  return flat;
}

/** How many pixels of boundary `from` have a pixel of boundary `to` within the disc `offsets`; and how many `from` has. */
function countMatched(from: Uint8Array, to: Uint8Array, width: number, height: number, offsets: Int32Array): [number, number] {
  let matched = 0;
  let total = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!from[y * width + x]) continue;
      total++;
      for (let k = 0; k < offsets.length; k += 2) {
        const nx = x + offsets[k];
        const ny = y + offsets[k + 1];
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        if (to[ny * width + nx]) {
          matched++;
          break;
        }
      }
    }
  }
  return [matched, total];
}

/**
 * Boundary F-measure of `mask` against `truth` (both binarised at > `threshold`), in the BSDS / DAVIS style:
 * a boundary pixel counts as correct when a boundary pixel of the other mask lies within `tolerancePx`
 * (Euclidean), without one-to-one matching. Boundaries are the piece pixels with a background 4-neighbour.
 * An empty boundary on both sides scores 1; on one side only, 0. Memory: two byte masks.
 * Cost: boundary length × disc area.
 */
export function computeBoundaryFMeasure(mask: Mask, truth: Mask, tolerancePx = 2, threshold = 127): BoundaryFMeasure {
  if (mask.width !== truth.width || mask.height !== truth.height) {
    throw new RangeError(`computeBoundaryFMeasure: sizes differ (${mask.width}×${mask.height} vs ${truth.width}×${truth.height})`);
  }
  if (!(tolerancePx >= 0)) throw new RangeError(`computeBoundaryFMeasure: tolerancePx must be ≥ 0 (got ${tolerancePx})`);
  const { width, height } = mask;
  const maskBoundary = markBoundary(mask, threshold);
  const truthBoundary = markBoundary(truth, threshold);
  const offsets = listDiscOffsets(tolerancePx);
  const [maskMatched, maskTotal] = countMatched(maskBoundary, truthBoundary, width, height, offsets);
  const [truthMatched, truthTotal] = countMatched(truthBoundary, maskBoundary, width, height, offsets);
  if (maskTotal === 0 && truthTotal === 0) return { precision: 1, recall: 1, fMeasure: 1 };
  const precision = maskTotal === 0 ? 0 : maskMatched / maskTotal;
  const recall = truthTotal === 0 ? 0 : truthMatched / truthTotal;
  const fMeasure = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, fMeasure };
}

/** IoU and boundary F-measure of `mask` against `truth` in one call; defaults: threshold 127, tolerance 2 px. */
export function measureMaskAccuracy(mask: Mask, truth: Mask, options: MaskAccuracyOptions = {}): MaskAccuracy {
  const threshold = options.threshold ?? 127;
  const iou = computeMaskIoU(mask, truth, threshold);
  return { iou, ...computeBoundaryFMeasure(mask, truth, options.tolerancePx ?? 2, threshold) };
}
