// Refine-mask stage: full-resolution alpha from the model's low-resolution mask, edges guided by the photo, after
// leaving out what the model half-kept that is not the piece (a hand under it, text around it).
import { defaultGuidedUpsampleOptions, type GuidedUpsampleOptions } from '../../../core/guided-filter';
import { defaultDoubtfulFragmentOptions, dropDoubtfulFragments, type DoubtfulFragmentOptions } from '../../../core/doubtful-fragments';
import { defaultPrintFragmentOptions, dropPrintFragments, type PrintFragmentOptions } from '../../../core/print-fragments';
import { defaultUncertainPlateauOptions, lowerUncertainPlateaus, type UncertainPlateauOptions } from '../../../core/uncertain-plateaus';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { refineModelMask } from './refine';

export interface RefineMaskOptions extends GuidedUpsampleOptions {
  /** Wide areas of middling alpha that are a hand or a body, not the piece: lowered before upsampling. */
  plateaus: UncertainPlateauOptions;
  /** Small parts the model is sure of nowhere, lying apart from the piece (print, text): dropped before upsampling. */
  fragments: DoubtfulFragmentOptions;
  /** Small dark parts apart from a piece that is not dark, on a light backdrop (letters the model is sure of): dropped before upsampling. */
  print: PrintFragmentOptions;
}

export const refineMask = defineStage<RefineMaskOptions>({
  id: 'refine-mask',
  // v2: skin-coloured plateaus the model half-kept (a hand under a bracelet) are left out; small doubtful parts
  // apart from the piece (a book page's letters) are dropped.
  // v3: so are small dark parts apart from a piece that is not dark, on a light backdrop (letters the model is sure of).
  version: 3,
  label: 'Refine mask',
  defaults: { ...defaultGuidedUpsampleOptions, plateaus: { ...defaultUncertainPlateauOptions }, fragments: { ...defaultDoubtfulFragmentOptions }, print: { ...defaultPrintFragmentOptions } },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.modelMask) {
      throw new AppError('unknown', 'Refine mask needs the decoded image and the segmentation mask.');
    }
    // Fragments first: a part linked to the piece through a plateau (a stone lying on the hand) is judged with that link.
    const kept = dropDoubtfulFragments(state.modelMask, options.fragments);
    const unprinted = dropPrintFragments(state.image, kept.mask, options.print);
    const lowered = lowerUncertainPlateaus(state.image, unprinted.mask, options.plateaus);
    // The filter is synchronous; it checks the signal between blocks of 64 rows.
    const mask = refineModelMask(state.image, lowered.mask, options, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    const sure = Math.max(1, lowered.surePixels);
    return { ...state, mask, keptModelMask: lowered.mask, leftOut: { bodyShare: lowered.openPixels / sure, fragmentShare: (kept.droppedPixels + unprinted.droppedPixels) / sure } };
  },
});
