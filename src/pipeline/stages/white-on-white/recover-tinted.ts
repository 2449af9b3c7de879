// Half-seen coloured parts op: on a uniform, light backdrop, parts the segmentation model half saw (an out-of-focus
// rose-gold band on pale blue) whose colour is clearly not the backdrop's join the piece. A shadow keeps the backdrop's
// hue, so only tinted parts count.
import { createBinaryPlane, dilateBinary } from '../../../core/binary-morphology';
import { computeLuma, measureRatioSpread } from '../../../core/color';
import { renderBackdropField } from '../../../core/backdrop-model';
import { createFloatPlane } from '../../../core/float-plane';
import { expandRect, intersectRects } from '../../../core/geometry';
import type { Mask, RgbaImage } from '../../../core/image';
import { rampUp } from '../../../core/ramp';
import { createWorkingPlanes } from '../../../core/working-planes';
import { assessLightBackdrop, type LightBackdropOptions } from './light-backdrop';
import { raiseJoinedCandidates } from './raise-joined';

/** Backdrop fit and gate as for the bright parts (LightBackdropOptions), and what a half-seen coloured part is. */
export interface HalfSeenTintedOptions extends LightBackdropOptions {
  /** Longer side of the working resolution, px. */
  workingSidePx: number;
  /** Alpha (0..255) on the model's own square mask, as refine-mask kept it, from which a pixel counts as half seen. */
  halfSeenAlpha: number;
  /** Colour distance from the backdrop (RGB Euclidean, levels): alpha 0 at or below the first, 1 at or above the second. */
  difference: [number, number];
  /**
   * Spread of the channel ratios pixel / backdrop: 0 at or below the first, 1 at or above the second. A shadow keeps
   * the backdrop's hue, or nearly: one warmed by light bounced off gold reaches about 0.15.
   */
  tint: [number, number];
  /** Luma of the pixel over the backdrop's: full at or below the first, none at or above the second (light bounced off gold onto the backdrop is as bright as the backdrop; the metal's body is darker). */
  darker: [number, number];
  /** 0..1: a working pixel whose strongest candidate reaches this may join. */
  candidateAbove: number;
  /** How far from the piece half-seen parts are looked for, as a fraction of its diagonal. */
  reachFraction: number;
}

export const defaultHalfSeenTintedOptions: HalfSeenTintedOptions = {
  workingSidePx: 1024,
  backdropQuantile: 0.75,
  uniformDeviation: [0.8, 1.2],
  lightLuma: [180, 210],
  halfSeenAlpha: 32,
  difference: [24, 48],
  tint: [0.15, 0.3],
  darker: [0.8, 0.9],
  candidateAbove: 0.25,
  reachFraction: 0.25,
};

/** What the op decided, for tests and diagnostics. */
export interface HalfSeenTintedReport {
  /** 0..1: how uniform and light the backdrop near the piece is (0: the op did nothing). */
  gate: number;
  /** Photo pixels whose alpha was raised. */
  raisedPixels: number;
}

/**
 * Raises the alpha of pixels the model half saw (alpha ≥ `halfSeenAlpha` on `modelMask`: the model's mask with what
 * refine-mask left out removed, so a hand or print it dropped stays dropped), near the piece, whose colour is
 * clearly another hue than the uniform, light backdrop's, and that connect to the piece through such pixels: alpha ≥
 * strength · gate · difference · tint. Never lowers alpha. Returns the new mask (or `mask` itself).
 */
export function recoverHalfSeenTinted(
  image: RgbaImage,
  mask: Mask,
  modelMask: Mask,
  strength: number,
  options: HalfSeenTintedOptions = defaultHalfSeenTintedOptions,
): { mask: Mask; report: HalfSeenTintedReport } {
  const unchanged = (gate: number) => ({ mask, report: { gate, raisedPixels: 0 } });
  if (strength <= 0) return unchanged(0);
  const planes = createWorkingPlanes(image, mask, options.workingSidePx);
  const { width: W, height: H } = planes.mask;
  // Working pixel (x, y) covers photo pixels from x·f (the last block may be partial): its centre, on the model's square.
  const f = planes.factor;
  const { width, height, data } = image;
  const modelColumn = Int32Array.from({ length: W }, (_, x) => Math.min(modelMask.width - 1, Math.floor((Math.min(width, (x + 0.5) * f) / width) * modelMask.width)));
  const modelRow = Int32Array.from(
    { length: H },
    (_, y) => Math.min(modelMask.height - 1, Math.floor((Math.min(height, (y + 0.5) * f) / height) * modelMask.height)) * modelMask.width,
  );
  const modelAlphaAt = (x: number, y: number): number => modelMask.data[modelRow[y] + modelColumn[x]];
  // The backdrop is fitted without what the model half saw: a half-seen band taken for backdrop would hide itself.
  const fitMask = createFloatPlane(W, H, 1);
  for (let y = 0, k = 0; y < H; y++) {
    for (let x = 0; x < W; x++, k++) fitMask.data[k] = modelAlphaAt(x, y) >= options.halfSeenAlpha ? 255 : planes.mask.data[k];
  }
  const backdrop = assessLightBackdrop(planes, fitMask, options);
  if (!backdrop) return unchanged(0);
  const { piece: wholePiece, box, diagonal, model, gate } = backdrop;
  if (gate <= 0) return unchanged(gate);

  const reachPx = Math.max(1, Math.round(options.reachFraction * diagonal));
  const crop = intersectRects(expandRect(box, reachPx), { x: 0, y: 0, width: W, height: H })!;
  const cw = crop.width;
  const ch = crop.height;
  const field = renderBackdropField(model, crop);
  const piece = createBinaryPlane(cw, ch);
  for (let y = 0, k = 0; y < ch; y++) for (let x = 0; x < cw; x++, k++) piece.data[k] = wholePiece.data[(crop.y + y) * W + crop.x + x];
  const near = dilateBinary(piece, reachPx);
  const halfSeen = createBinaryPlane(cw, ch);
  for (let y = 0, k = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++, k++) {
      halfSeen.data[k] = near.data[k] === 1 && piece.data[k] === 0 && modelAlphaAt(crop.x + x, crop.y + y) >= options.halfSeenAlpha ? 1 : 0;
    }
  }
  const [d0, d1] = options.difference;
  const [t0, t1] = options.tint;
  const [darkFrom, darkTo] = options.darker;
  const measureCandidate = (p: number, k: number): number => {
    const r = data[p * 4];
    const g = data[p * 4 + 1];
    const b = data[p * 4 + 2];
    const br = field.data[k * 3];
    const bg = field.data[k * 3 + 1];
    const bb = field.data[k * 3 + 2];
    const difference = rampUp(Math.hypot(r - br, g - bg, b - bb), d0, d1);
    if (difference <= 0) return 0;
    const darkness = 1 - rampUp(computeLuma(r, g, b) / Math.max(1, computeLuma(br, bg, bb)), darkFrom, darkTo);
    return difference * darkness * rampUp(measureRatioSpread(r, g, b, br, bg, bb), t0, t1);
  };
  const { mask: out, raisedPixels } = raiseJoinedCandidates({
    mask,
    factor: f,
    crop,
    piece,
    isConsidered: (k) => halfSeen.data[k] === 1,
    measureCandidate,
    candidateAbove: options.candidateAbove,
    scale: 255 * gate * Math.min(1, strength),
  });
  return { mask: raisedPixels > 0 ? out : mask, report: { gate, raisedPixels } };
}
