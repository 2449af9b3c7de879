// Refine-mask stage: full-resolution alpha from the model's low-resolution mask, edges guided by the photo.
import { defaultGuidedUpsampleOptions, type GuidedUpsampleOptions } from '../../../core/guided-filter';
import { defaultUncertainPlateauOptions, lowerUncertainPlateaus, type UncertainPlateauOptions } from '../../../core/uncertain-plateaus';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { refineModelMask } from './refine';

export interface RefineMaskOptions extends GuidedUpsampleOptions {
  /** Wide areas of middling alpha that are a hand or a body, not the piece: lowered before upsampling. */
  plateaus: UncertainPlateauOptions;
}

export const refineMask = defineStage<RefineMaskOptions>({
  id: 'refine-mask',
  // v2: skin-coloured plateaus the model half-kept (a hand under a bracelet) are left out.
  version: 2,
  label: 'Refine mask',
  defaults: { ...defaultGuidedUpsampleOptions, plateaus: { ...defaultUncertainPlateauOptions } },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.modelMask) {
      throw new AppError('unknown', 'Refine mask needs the decoded image and the segmentation mask.');
    }
    // The filter is synchronous; it checks the signal between blocks of 64 rows.
    const lowered = lowerUncertainPlateaus(state.image, state.modelMask, options.plateaus);
    const mask = refineModelMask(state.image, lowered.mask, options, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    const leftOutShare = lowered.surePixels > 0 ? lowered.openPixels / lowered.surePixels : 0;
    return { ...state, mask, leftOutShare };
  },
});
