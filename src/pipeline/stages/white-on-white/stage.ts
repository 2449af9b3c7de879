// White-on-white stage: on a uniform, light backdrop, bright white metal and diamonds the segmentation model dropped join the mask.
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { defaultWhiteOnWhiteOptions, recoverBrightParts, type WhiteOnWhiteOptions } from './recover-bright';

export type { WhiteOnWhiteOptions };

export const whiteOnWhite = defineStage<WhiteOnWhiteOptions>({
  id: 'white-on-white',
  // v2: thin wires the model dropped join the piece too.
  version: 2,
  label: 'White on white',
  defaults: { ...defaultWhiteOnWhiteOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'White on white needs the decoded image and the refined mask.');
    }
    // Synchronous; it checks the signal between blocks of 64 rows.
    const { mask } = recoverBrightParts(state.image, state.mask, ctx.look.strengths.whiteOnWhite, options, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    ctx.progress(1);
    return { ...state, mask };
  },
});
