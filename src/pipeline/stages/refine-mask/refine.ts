// Refine-mask op: the model's low-resolution mask → the piece's alpha at the photo's resolution, or an empty-mask error.
import { upsampleMaskGuided, type GuidedUpsampleOptions, type RowCheckpoint } from '../../../core/guided-filter';
import type { Mask, RgbaImage } from '../../../core/image';
import { countMaskPixels } from '../../../core/mask-ops';
import { AppError } from '../../errors';

/** Fewer pixels than this at alpha ≥ 50 % means nothing of the piece is left. */
const minPiecePixels = 16;

/**
 * Upsamples `modelMask` (0..255, stretched over the whole photo) to the photo's size with the guided filter.
 * Throws AppError('empty-mask') when the model found nothing or nothing survives refinement.
 */
export function refineModelMask(image: RgbaImage, modelMask: Mask, options: GuidedUpsampleOptions, checkpoint: RowCheckpoint): Mask {
  if (countMaskPixels(modelMask, Math.round(options.snapLow * 255)) === 0) {
    throw new AppError('empty-mask', 'No piece was found in this photo: the segmentation mask is empty.');
  }
  const mask = upsampleMaskGuided(image, modelMask, options, checkpoint);
  if (countMaskPixels(mask, 127) < minPiecePixels) {
    throw new AppError('empty-mask', 'No piece was found in this photo: nothing of the mask remained after refining its edges.');
  }
  return mask;
}
