// Doubtful fragments: small, compact bits of a model mask the model is sure of nowhere, lying apart from the piece (the
// letters of a book page around a bracelet, a box's print), are not the piece; they are dropped.
import { createBinaryPlaneWhere, dilateBinary, labelBinaryRegions, measureRegionBoxes } from './binary-morphology';
import { defaultGuidedUpsampleOptions } from './guided-filter';
import type { Mask } from './image';

export interface DoubtfulFragmentOptions {
  /** Model alpha (0..255) at or above which the model is sure a pixel is the piece (where refine-mask's filter snaps to solid). */
  sure: number;
  /** Alpha (0..255) above which a pixel joins what it touches to the sure piece. */
  joinAbove: number;
  /** A part that comes within this many px of the piece is kept: a faint prong or stone of the piece. */
  nearPx: number;
  /** A part at least this share (0..1) of the piece's area is kept wherever it lies: the other earring of a pair. */
  minKeptShare: number;
  /** A part reaching this alpha (0..255) is kept: the model nearly believes it (a ring beside the box it is sure of). */
  keepAbove: number;
  /** A part whose bounding-box diagonal² is over this many times its area is drawn out and kept: a stretch of fine chain between faint gaps, not a letter. */
  drawnOutRatio: number;
  /** Pixels within this many px of a part are its faint rim: dropped with it, kept with it. */
  rimPx: number;
  /** Without at least this many sure pixels there is no piece to measure against, and nothing is dropped. */
  minSurePixels: number;
}

export const defaultDoubtfulFragmentOptions: DoubtfulFragmentOptions = {
  sure: Math.round(defaultGuidedUpsampleOptions.snapHigh * 255),
  joinAbove: 64,
  nearPx: 12,
  minKeptShare: 0.1,
  keepAbove: 200,
  drawnOutRatio: 8,
  rimPx: 3,
  minSurePixels: 64,
};

export interface DroppedFragments {
  /** The mask with the fragments at 0 (a new mask; the input is not changed). */
  mask: Mask;
  /** Pixels of dropped parts above `joinAbove` (their faint rims not counted). */
  droppedPixels: number;
}

/**
 * Splits the mask above `joinAbove` into 8-connected parts; keeps the parts holding a sure pixel (the piece), and
 * the parts that come within `nearPx` of those, are at least `minKeptShare` of the piece's area, reach `keepAbove`
 * or are drawn out (bounding-box diagonal² over `drawnOutRatio` × area: a stretch of chain); sets the other
 * parts and their faint rims (`rimPx`, unless also a kept part's rim) to 0, leaving faint haze elsewhere as it is
 * (`droppedPixels` counts the dropped parts' pixels above `joinAbove`, not their rims). A mask with fewer than `minSurePixels` sure
 * pixels is returned unchanged. Memory: a few binary planes and an Int32 label plane of the mask's size.
 */
export function dropDoubtfulFragments(mask: Mask, options: Partial<DoubtfulFragmentOptions> = {}): DroppedFragments {
  const settings = { ...defaultDoubtfulFragmentOptions, ...options };
  const { width, height, data } = mask;
  const out: Mask = { width, height, data: new Uint8Array(data) };
  let surePixels = 0;
  for (let k = 0; k < data.length; k++) if (data[k] >= settings.sure) surePixels++;
  if (surePixels < settings.minSurePixels) return { mask: out, droppedPixels: 0 };

  // Parts above `joinAbove`: those holding a sure pixel are the piece; others are kept when they come within
  // `nearPx` of it (a faint prong or stone of the piece), dropped when they lie apart (print, text, clutter).
  const { labels, count } = labelBinaryRegions(createBinaryPlaneWhere(width, height, (k) => data[k] > settings.joinAbove));
  const isPiece = new Uint8Array(count + 1);
  for (let k = 0; k < data.length; k++) if (data[k] >= settings.sure) isPiece[labels[k]] = 1;
  const near = dilateBinary(createBinaryPlaneWhere(width, height, (k) => isPiece[labels[k]] === 1 && labels[k] > 0), settings.nearPx);
  const isKept = isPiece.slice();
  const { areas, diagonalSquared } = measureRegionBoxes(labels, count, width);
  const peaks = new Uint8Array(count + 1);
  let pieceArea = 0;
  for (let k = 0; k < data.length; k++) {
    const label = labels[k];
    if (label === 0) continue;
    if (data[k] > peaks[label]) peaks[label] = data[k];
    if (isPiece[label]) pieceArea++;
    if (near.data[k]) isKept[label] = 1;
  }
  for (let label = 1; label <= count; label++) {
    if (isKept[label]) continue;
    const isDrawnOut = diagonalSquared(label) > settings.drawnOutRatio * areas[label];
    if (areas[label] >= settings.minKeptShare * pieceArea || peaks[label] >= settings.keepAbove || isDrawnOut) isKept[label] = 1;
  }
  // A dropped part goes with its faint rim, except where that rim is also a kept part's; faint haze elsewhere stays.
  const keptRim = dilateBinary(createBinaryPlaneWhere(width, height, (k) => labels[k] > 0 && isKept[labels[k]] === 1), settings.rimPx);
  const droppedRim = dilateBinary(createBinaryPlaneWhere(width, height, (k) => labels[k] > 0 && isKept[labels[k]] === 0), settings.rimPx);
  let droppedPixels = 0;
  for (let k = 0; k < data.length; k++) {
    if (!droppedRim.data[k] || keptRim.data[k] || data[k] === 0) continue;
    if (data[k] > settings.joinAbove) droppedPixels++;
    out.data[k] = 0;
  }
  return { mask: out, droppedPixels };
}
