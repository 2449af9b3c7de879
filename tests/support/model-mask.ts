// Simulated segmentation-model masks for tests: the true mask made low-resolution, soft and a little fat, like ISNet's 1024² output.
import { filterBoxMeanPlaneInPlace } from '../../src/core/box-filter';
import type { Mask } from '../../src/core/image';
import { resizeMask } from '../../src/core/resize';

export interface ModelMaskOptions {
  /** Side of the square model output, px (ISNet: 1024); the mask is stretched over the whole photo. */
  sizePx: number;
  /** Box blur radius at model resolution, px: how soft the model's edges are. */
  blurPx?: number;
  /** 1 keeps soft values; > 1 pushes them up (alpha·gain, clamped), making thin parts fat and confident. */
  gain?: number;
}

/**
 * Degrades a ground-truth mask the way a segmentation model's output differs from it: area-downscaled to
 * sizePx × sizePx (aspect ignored), box-blurred, then scaled by `gain`. Values 0..255.
 * Calibrated by eye against ISNet on the generated scenes: sizePx ≈ photo long side / 4, blurPx 1, gain 1.6.
 */
export function simulateModelMask(truth: Mask, options: ModelMaskOptions): Mask {
  const small = resizeMask(truth, options.sizePx, options.sizePx, { filter: 'area' });
  const plane = { width: small.width, height: small.height, channels: 1, data: Float32Array.from(small.data) };
  if ((options.blurPx ?? 1) > 0) filterBoxMeanPlaneInPlace(plane, options.blurPx ?? 1);
  const gain = options.gain ?? 1.6;
  const data = Uint8Array.from(plane.data, (v) => Math.min(255, Math.round(v * gain)));
  return { width: small.width, height: small.height, data };
}
