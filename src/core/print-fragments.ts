// Print fragments: small dark parts of a model mask lying apart from a piece that is not dark, on a light backdrop
// (the letters of a book page around a gold bracelet, which the model is sure of), are print, not the piece; dropped.
import { createBinaryPlaneWhere, dilateBinary, labelBinaryRegions } from './binary-morphology';
import { writeSrgbAsLab } from './color-difference';
import type { Mask, RgbaImage } from './image';

export interface PrintFragmentOptions {
  /** Alpha (0..255) above which a pixel belongs to a part. */
  joinAbove: number;
  /** Parts smaller than this share (0..1) of the largest part are candidates: a letter, not the other earring of a pair. */
  maxShare: number;
  /** A part that comes within this many px (mask resolution) of the largest part is kept: a dark stone or prong of the piece. */
  nearPx: number;
  /** L* at or below which a pixel is ink-dark. */
  inkL: number;
  /** A part is print when at least this share (0..1) of its pixels are ink-dark... */
  minInkShare: number;
  /** ...while at most this share of the largest part's pixels are (the piece is not itself dark: no oxidised silver, onyx, black cord)... */
  maxPieceInkShare: number;
  /** ...and the backdrop's median L* (pixels at alpha 0) is at least this: paper, not a dark cloth. */
  minBackdropL: number;
  /** Pixels within this many px of a dropped part are its faint rim: dropped with it, unless also a kept part's. */
  rimPx: number;
  /** Without a largest part of at least this many pixels there is no piece to measure against, and nothing is dropped. */
  minPiecePixels: number;
}

export const defaultPrintFragmentOptions: PrintFragmentOptions = {
  joinAbove: 64,
  maxShare: 0.05,
  nearPx: 12,
  inkL: 45,
  minInkShare: 0.6,
  maxPieceInkShare: 0.5,
  minBackdropL: 60,
  rimPx: 3,
  minPiecePixels: 256,
};

export interface DroppedPrint {
  /** The mask with the print at 0 (a new mask; the input is not changed). */
  mask: Mask;
  /** Pixels of dropped parts above `joinAbove` (their faint rims not counted). */
  droppedPixels: number;
}

/**
 * Splits the mask above `joinAbove` into 8-connected parts; the largest is the piece. Each part under `maxShare` of
 * its area, farther than `nearPx` from it, whose pixels in the photo (sampled at the mask's resolution) are mostly
 * ink-dark, is dropped with its faint rim, when the piece is mostly not dark and the backdrop is light. The photo
 * may be larger than the mask (the model's stretched square); it is sampled at the nearest pixel.
 */
export function dropPrintFragments(image: RgbaImage, mask: Mask, options: Partial<PrintFragmentOptions> = {}): DroppedPrint {
  const settings = { ...defaultPrintFragmentOptions, ...options };
  const { width, height, data } = mask;
  const out: Mask = { width, height, data: new Uint8Array(data) };
  const { labels, count } = labelBinaryRegions(createBinaryPlaneWhere(width, height, (k) => data[k] > settings.joinAbove));
  if (count < 2) return { mask: out, droppedPixels: 0 };
  const areas = new Uint32Array(count + 1);
  const inks = new Uint32Array(count + 1);
  const backdropL = new Uint32Array(101);
  let backdropCount = 0;
  const photoColumns = new Int32Array(width);
  for (let x = 0; x < width; x++) photoColumns[x] = Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / width));
  const lab = new Float64Array(3);
  for (let y = 0, k = 0; y < height; y++) {
    const photoRow = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / height)) * image.width;
    for (let x = 0; x < width; x++, k++) {
      const label = labels[k];
      if (label === 0 && data[k] !== 0) continue;
      const p = (photoRow + photoColumns[x]) * 4;
      writeSrgbAsLab(image.data[p], image.data[p + 1], image.data[p + 2], lab);
      if (label === 0) {
        backdropL[Math.max(0, Math.min(100, Math.round(lab[0])))]++;
        backdropCount++;
        continue;
      }
      areas[label]++;
      if (lab[0] <= settings.inkL) inks[label]++;
    }
  }
  let piece = 1;
  for (let label = 2; label <= count; label++) if (areas[label] > areas[piece]) piece = label;
  if (areas[piece] < settings.minPiecePixels || inks[piece] > settings.maxPieceInkShare * areas[piece]) return { mask: out, droppedPixels: 0 };
  if (readHistogramMedian(backdropL, backdropCount) < settings.minBackdropL) return { mask: out, droppedPixels: 0 };

  const near = dilateBinary(createBinaryPlaneWhere(width, height, (k) => labels[k] === piece), settings.nearPx);
  const isNear = new Uint8Array(count + 1);
  for (let k = 0; k < labels.length; k++) if (near.data[k] && labels[k] > 0) isNear[labels[k]] = 1;
  const isPrint = new Uint8Array(count + 1);
  let anyPrint = false;
  for (let label = 1; label <= count; label++) {
    if (label === piece || isNear[label] || areas[label] >= settings.maxShare * areas[piece]) continue;
    if (inks[label] >= settings.minInkShare * areas[label]) {
      isPrint[label] = 1;
      anyPrint = true;
    }
  }
  if (!anyPrint) return { mask: out, droppedPixels: 0 };
  // A dropped part goes with its faint rim, except where that rim is also a kept part's.
  const keptRim = dilateBinary(createBinaryPlaneWhere(width, height, (k) => labels[k] > 0 && isPrint[labels[k]] === 0), settings.rimPx);
  const droppedRim = dilateBinary(createBinaryPlaneWhere(width, height, (k) => isPrint[labels[k]] === 1 && labels[k] > 0), settings.rimPx);
  let droppedPixels = 0;
  for (let k = 0; k < data.length; k++) {
    if (!droppedRim.data[k] || keptRim.data[k] || data[k] === 0) continue;
    if (data[k] > settings.joinAbove) droppedPixels++;
    out.data[k] = 0;
  }
  return { mask: out, droppedPixels };
}

/** Median bin of a histogram holding `total` counts. */
function readHistogramMedian(histogram: Uint32Array, total: number): number {
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    seen += histogram[bin];
    if (seen * 2 >= total) return bin;
  }
  return histogram.length - 1;
}
