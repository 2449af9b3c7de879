// Quality metric: how far the piece's bounding-box fill of the frame is from the look's target fill, in percentage points.
import type { Rect } from '../core/geometry';
import type { Mask, RgbaImage } from '../core/image';
import { computeMaskBoundingBox } from '../core/mask-ops';
import { measureVisibleBox } from '../core/visible-box';

export interface FillError {
  /** 0..1: the measured fill. */
  fill: number;
  /** `fill` in percent, 0..100. */
  fillPct: number;
  /** The target in percent, 0..100. */
  targetPct: number;
  /** `fillPct − targetPct`, percentage points: negative when the piece is smaller than the look asks. */
  errorPoints: number;
}

/**
 * The fill (0..1) of the piece's bounding box in the frame, the mask's own size: max(boxW / frameW, boxH / frameH).
 * This is the compose stage's rule read backwards (src/core/composite.ts, `composePieceOnCanvas`, scales the box
 * by min(fill·W / boxW, fill·H / boxH), so its limiting side ends at exactly fill × the frame), with the same
 * box threshold (alpha > 127, `defaultComposeOptions.bboxThreshold`). Null when no pixel is above `threshold`.
 */
export function measureFill(mask: Mask, threshold = 127): number | null {
  const box = computeMaskBoundingBox(mask, threshold);
  return box && computeBoxFill(box, mask.width, mask.height);
}

/** A box's fill (0..1) of a frame: its limiting side, max(boxW / frameW, boxH / frameH). */
function computeBoxFill(box: Rect, frameWidth: number, frameHeight: number): number {
  return Math.max(box.width / frameWidth, box.height / frameHeight);
}

/** `fill` (0..1) against `targetFill` (0..1), in percent and percentage points. */
function toFillError(fill: number, targetFill: number): FillError {
  const fillPct = fill * 100;
  const targetPct = targetFill * 100;
  return { fill, fillPct, targetPct, errorPoints: fillPct - targetPct };
}

/**
 * The fill of the piece in `mask` (e.g. the output alpha) against `targetFill` (0..1, the look's `framing.fill`),
 * in percentage points. Null when the mask is empty. Expect about ±1 px of box (±0.05 points on 2000 px) from
 * resampling even when compose is exact.
 */
export function measureFillError(mask: Mask, targetFill: number, threshold = 127): FillError | null {
  const fill = measureFill(mask, threshold);
  return fill === null ? null : toFillError(fill, targetFill);
}

/**
 * The fill of what a viewer sees of the piece in a finished `picture` against `targetFill` (0..1): the box
 * of the pixels the piece covers (`alpha` > 0) that differ from `canvas` (the look's background and shadow)
 * by more than `visibleDifferenceLevels` — the compose stage's own rule. Null when nothing is visible.
 */
export function measureVisibleFillError(
  picture: RgbaImage,
  alpha: Mask,
  canvas: readonly [number, number, number] | RgbaImage,
  targetFill: number,
): FillError | null {
  const box = measureVisibleBox(picture, alpha, canvas);
  return box && toFillError(computeBoxFill(box, picture.width, picture.height), targetFill);
}

/**
 * The fill of a finished picture as compose frames it: what is seen of the piece (measureVisibleFillError), or
 * the alpha's box when nothing is (a white piece on white, as compose falls back to). Null for an empty alpha.
 */
export function measureFramedFillError(
  picture: RgbaImage,
  alpha: Mask,
  canvas: readonly [number, number, number] | RgbaImage,
  targetFill: number,
): FillError | null {
  return measureVisibleFillError(picture, alpha, canvas, targetFill) ?? measureFillError(alpha, targetFill);
}
