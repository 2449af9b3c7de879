// The piece at working resolution and how uniform and light the backdrop around it is: where both white-on-white ops start.
import { createBinaryPlaneWhere, dilateBinary, type BinaryPlane } from '../../../core/binary-morphology';
import { fitBackdropModel, summarizeBackdrop, type BackdropModel, type BackdropSummary } from '../../../core/backdrop-model';
import type { FloatPlane } from '../../../core/float-plane';
import type { Rect } from '../../../core/geometry';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { rampUp } from '../../../core/ramp';
import type { WorkingPlanes } from '../../../core/working-planes';

export interface LightBackdropOptions {
  /** Which quantile of each cell's background pixels is the backdrop colour (above the median: the lit backdrop, not the piece's shadow). */
  backdropQuantile: number;
  /** Backdrop deviation near the piece (levels, see BackdropSummary): full effect at or below the first, none at or above the second. */
  uniformDeviation: [number, number];
  /** Backdrop luma near the piece (0..255): no effect at or below the first, full at or above the second. */
  lightLuma: [number, number];
}

export interface LightBackdrop {
  /** The piece (working mask ≥ 127.5), its bounding box and diagonal (working px). */
  piece: BinaryPlane;
  box: Rect;
  diagonal: number;
  /** The backdrop fitted where `fitMask` is low, and summarised around the piece (15 % of its diagonal). */
  model: BackdropModel;
  summary: BackdropSummary;
  /** 0..1: how uniform and light that backdrop is (0: the ops do nothing). */
  gate: number;
}

/** The piece of `planes` and its backdrop, fitted on the pixels `fitMask` (0..255) leaves out; null when there is no piece or no backdrop to fit. */
export function assessLightBackdrop(planes: WorkingPlanes, fitMask: FloatPlane, options: LightBackdropOptions): LightBackdrop | null {
  const { width, height } = planes.mask;
  const piece = createBinaryPlaneWhere(width, height, (k) => planes.mask.data[k] >= 127.5);
  const box = computeMaskBoundingBox(piece, 0);
  if (!box) return null;
  const diagonal = Math.hypot(box.width, box.height);
  const model = fitBackdropModel(planes.image, fitMask, { colourQuantile: options.backdropQuantile });
  if (!model) return null;
  const summary = summarizeBackdrop(model, dilateBinary(piece, Math.max(4, Math.round(0.15 * diagonal))));
  if (!summary) return null;
  const gate =
    (1 - rampUp(summary.deviation, options.uniformDeviation[0], options.uniformDeviation[1])) * rampUp(summary.luma, options.lightLuma[0], options.lightLuma[1]);
  return { piece, box, diagonal, model, summary, gate };
}
