// Compose stage: the piece cut out by its alpha, scaled and placed on the look's background at its fill and anchor.
import { composePieceOnCanvas, defaultComposeOptions, type ComposeOptions } from '../../../core/composite';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { computeFramingTarget, computeLayoutFromLook } from './layout';
import { refinePlacement, type Placement } from '../../../core/framing';
import { computeMaskBoundingBox } from '../../../core/mask-ops';

export type { ComposeOptions };

export const compose = defineStage<ComposeOptions>({
  id: 'compose',
  version: 3,
  label: 'Compose',
  defaults: { ...defaultComposeOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'Compose needs the decoded image and the refined mask.');
    }
    const { image, mask } = state;
    const settings = { ...options, decontaminate: options.decontaminate && ctx.look.strengths.decontaminate > 0 };
    const composeAt = (placement: Placement | undefined) =>
      composePieceOnCanvas(image, mask, { ...computeLayoutFromLook(ctx.look), placement }, settings, (fraction) => {
        ctx.signal.throwIfAborted();
        ctx.progress(fraction);
      });
    let placement = state.placement;
    let composition = composeAt(placement);
    if (!composition) {
      throw new AppError('empty-mask', 'Nothing to compose: the mask has no pixel of the piece.');
    }
    // The fill is what is visible (alpha > 50 %) on the canvas: correct the placement from the composed box
    // when faint or thin parts faded in resampling (at most twice; most photos need no correction).
    for (let round = 0; round < 2 && placement; round++) {
      const box = computeMaskBoundingBox(composition.alpha, options.bboxThreshold);
      const refined = box && refinePlacement(placement, box, computeFramingTarget(ctx.look));
      if (!refined) break;
      const next = composeAt(refined);
      if (!next) break;
      placement = refined;
      composition = next;
    }
    return { ...state, placement, output: composition.image, outputAlpha: composition.alpha };
  },
});
