// White-on-white stage: on a uniform, light backdrop, bright white metal and diamonds the segmentation model dropped
// join the mask, and so do coloured parts it half saw (an out-of-focus rose-gold band on pale blue).
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { defaultWhiteOnWhiteOptions, recoverBrightParts, type WhiteOnWhiteOptions } from './recover-bright';
import { defaultHalfSeenTintedOptions, recoverHalfSeenTinted, type HalfSeenTintedOptions } from './recover-tinted';

export interface WhiteOnWhiteStageOptions extends WhiteOnWhiteOptions {
  /** Coloured parts the model half saw. */
  tinted: HalfSeenTintedOptions;
}

export const whiteOnWhite = defineStage<WhiteOnWhiteStageOptions>({
  id: 'white-on-white',
  // v2: thin wires the model dropped join the piece too.
  // v3: so do coloured parts the model half saw, clearly another hue than the backdrop and darker than it.
  version: 3,
  label: 'White on white',
  defaults: { ...defaultWhiteOnWhiteOptions, tinted: { ...defaultHalfSeenTintedOptions } },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'White on white needs the decoded image and the refined mask.');
    }
    const strength = ctx.look.strengths.whiteOnWhite;
    // Synchronous; it checks the signal between blocks of 64 rows.
    const bright = recoverBrightParts(state.image, state.mask, strength, options, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(0.8 * fraction);
    });
    ctx.signal.throwIfAborted();
    // Half seen by the model as refine-mask kept it: what refine-mask left out (a hand under a bracelet) stays out.
    const kept = state.keptModelMask;
    const mask = kept ? recoverHalfSeenTinted(state.image, bright.mask, kept, strength, options.tinted).mask : bright.mask;
    ctx.progress(1);
    return { ...state, mask };
  },
});
