// Refine-mask stage: full-resolution alpha from the model's low-resolution mask, edges guided by the photo.
import { defaultGuidedUpsampleOptions, type GuidedUpsampleOptions } from '../../../core/guided-filter';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { refineModelMask } from './refine';

export type RefineMaskOptions = GuidedUpsampleOptions;

export const refineMask = defineStage<RefineMaskOptions>({
  id: 'refine-mask',
  version: 1,
  label: 'Refine mask',
  defaults: { ...defaultGuidedUpsampleOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.modelMask) {
      throw new AppError('unknown', 'Refine mask needs the decoded image and the segmentation mask.');
    }
    // The filter is synchronous; it checks the signal between blocks of 64 rows.
    const mask = refineModelMask(state.image, state.modelMask, options, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    return { ...state, mask };
  },
});
