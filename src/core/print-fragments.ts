// Print fragments: small dark parts of a model mask lying apart from a piece that is not dark, on a light backdrop
// (the letters of a book page around a gold bracelet, which the model is sure of), are print, not the piece; dropped.
import { createBinaryPlaneWhere, dilateBinary, labelBinaryRegions, measureRegionBoxes } from './binary-morphology';
import { computeSrgbLuminance, writeSrgbAsLab } from './color-difference';
import { convertLightnessToLuminance } from './color-transfer';
import type { Mask, RgbaImage } from './image';
import { mapNearestSourceIndices } from './resize';

export interface PrintFragmentOptions {
  /** Alpha (0..255) above which a pixel belongs to a part. */
  joinAbove: number;
  /** Parts smaller than this share (0..1) of the largest part are candidates: a letter, not the other earring of a pair... */
  maxShare: number;
  /** ...and no larger than this share (0..1) of the whole mask: a letter, not a small dark ring beside a big pale prop. */
  maxMaskShare: number;
  /** A part that comes within this many px (mask resolution) of the largest part is kept: a dark stone or prong of the piece. */
  nearPx: number;
  /** A drawn-out part (bounding-box diagonal² over this many times its area)... */
  drawnOutRatio: number;
  /** ...at least this fraction of the largest part's bounding-box diagonal long is kept: a stretch of dark cord or chain, not a word. */
  longFraction: number;
  /** L* at or below which, and chroma at or below which, a pixel is ink: dark and near neutral (a garnet or sapphire is not). */
  inkL: number;
  inkChroma: number;
  /** A part is print when at least this share (0..1) of its pixels are ink... */
  minInkShare: number;
  /** ...while at most this share of the largest part's pixels are as dark, chroma aside (the piece is not itself dark: no oxidised silver, onyx, black cord)... */
  maxPieceInkShare: number;
  /** ...and the backdrop's median L* (pixels at alpha 0, subsampled) is at least this: paper, not a dark cloth. */
  minBackdropL: number;
  /** Faint pixels (alpha 1..joinAbove) within this many px of a dropped part are its rim: dropped with it, unless also a kept part's. */
  rimPx: number;
  /** Without a largest part of at least this many pixels there is no piece to measure against, and nothing is dropped. */
  minPiecePixels: number;
}

export const defaultPrintFragmentOptions: PrintFragmentOptions = {
  joinAbove: 64,
  maxShare: 0.05,
  maxMaskShare: 0.001,
  nearPx: 12,
  drawnOutRatio: 8,
  longFraction: 0.25,
  inkL: 45,
  inkChroma: 20,
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
 * Splits the mask above `joinAbove` into 8-connected parts; the largest is the piece. A part under `maxShare` of its
 * area and `maxMaskShare` of the mask, farther than `nearPx` from it, not a long drawn-out stretch (cord, chain),
 * whose pixels in the photo are mostly ink, is dropped with its faint rim, when the piece is mostly not ink and the
 * backdrop is light. The photo may differ in size and aspect from the mask (the model's stretched square); it is
 * sampled at the nearest pixel, and only where the mask's parts are candidates is it read at all.
 */
export function dropPrintFragments(image: RgbaImage, mask: Mask, options: Partial<PrintFragmentOptions> = {}): DroppedPrint {
  const settings = { ...defaultPrintFragmentOptions, ...options };
  const { width, height, data } = mask;
  const out: Mask = { width, height, data: new Uint8Array(data) };
  const unchanged = { mask: out, droppedPixels: 0 };
  const { labels, count } = labelBinaryRegions(createBinaryPlaneWhere(width, height, (k) => data[k] > settings.joinAbove));
  if (count < 2) return unchanged;
  const { areas, diagonalSquared } = measureRegionBoxes(labels, count, width);
  let piece = 1;
  for (let label = 2; label <= count; label++) if (areas[label] > areas[piece]) piece = label;
  if (areas[piece] < settings.minPiecePixels) return unchanged;
  // Candidates by size and shape alone, then those far from the piece; the photo is read only if some remain.
  const maxArea = Math.min(settings.maxShare * areas[piece], settings.maxMaskShare * width * height);
  const longDiagonalSquared = settings.longFraction ** 2 * diagonalSquared(piece);
  const isCandidate = new Uint8Array(count + 1);
  let candidates = 0;
  for (let label = 1; label <= count; label++) {
    if (label === piece || areas[label] >= maxArea) continue;
    const diagonal2 = diagonalSquared(label);
    if (diagonal2 > settings.drawnOutRatio * areas[label] && diagonal2 >= longDiagonalSquared) continue;
    isCandidate[label] = 1;
    candidates++;
  }
  if (candidates === 0) return unchanged;
  const near = dilateBinary(createBinaryPlaneWhere(width, height, (k) => labels[k] === piece), settings.nearPx);
  for (let k = 0; k < labels.length; k++) {
    if (near.data[k] && isCandidate[labels[k]]) {
      isCandidate[labels[k]] = 0;
      candidates--;
    }
  }
  if (candidates === 0) return unchanged;

  // The piece and the backdrop are judged by lightness alone (luminance against the L* thresholds: no cube roots on
  // the many pixels), the candidates by lightness and chroma.
  const inkLuminance = convertLightnessToLuminance(settings.inkL);
  const backdropLuminance = convertLightnessToLuminance(settings.minBackdropL);
  const inks = new Uint32Array(count + 1);
  let backdropDark = 0;
  let backdropCount = 0;
  const photoColumns = mapNearestSourceIndices(width, image.width);
  const photoRows = mapNearestSourceIndices(height, image.height);
  const lab = new Float64Array(3);
  const { data: pixels } = image;
  const readLuminance = (p: number): number => computeSrgbLuminance(pixels[p], pixels[p + 1], pixels[p + 2]);
  for (let y = 0, k = 0; y < height; y++) {
    const photoRow = photoRows[y] * image.width;
    for (let x = 0; x < width; x++, k++) {
      const label = labels[k];
      const p = (photoRow + photoColumns[x]) * 4;
      if (label === piece) {
        if (readLuminance(p) <= inkLuminance) inks[label]++;
      } else if (isCandidate[label]) {
        if (readLuminance(p) > inkLuminance) continue;
        writeSrgbAsLab(pixels[p], pixels[p + 1], pixels[p + 2], lab);
        if (Math.hypot(lab[1], lab[2]) <= settings.inkChroma) inks[label]++;
      } else if (data[k] === 0 && (x & 3) === 0 && (y & 3) === 0) {
        if (readLuminance(p) < backdropLuminance) backdropDark++;
        backdropCount++;
      }
    }
  }
  // The backdrop's median L* is at least minBackdropL when fewer than half its pixels are darker.
  if (inks[piece] > settings.maxPieceInkShare * areas[piece] || backdropCount === 0 || backdropDark * 2 > backdropCount) return unchanged;
  const isPrint = new Uint8Array(count + 1);
  let anyPrint = false;
  for (let label = 1; label <= count; label++) {
    if (isCandidate[label] && inks[label] >= settings.minInkShare * areas[label]) {
      isPrint[label] = 1;
      anyPrint = true;
    }
  }
  if (!anyPrint) return unchanged;
  // A dropped part goes whole, with its faint rim except where that rim is also a kept part's.
  const keptRim = dilateBinary(createBinaryPlaneWhere(width, height, (k) => labels[k] > 0 && isPrint[labels[k]] === 0), settings.rimPx);
  const droppedRim = dilateBinary(createBinaryPlaneWhere(width, height, (k) => isPrint[labels[k]] === 1), settings.rimPx);
  let droppedPixels = 0;
  for (let k = 0; k < data.length; k++) {
    if (isPrint[labels[k]] === 1) {
      droppedPixels++;
      out.data[k] = 0;
    } else if (labels[k] === 0 && droppedRim.data[k] && !keptRim.data[k]) {
      out.data[k] = 0;
    }
  }
  return { mask: out, droppedPixels };
}
