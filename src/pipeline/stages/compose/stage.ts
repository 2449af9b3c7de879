// Compose stage: the piece cut out by its alpha, scaled and placed on the look's background at its fill and anchor.
import { composePieceOnCanvas, defaultComposeOptions, type ComposeOptions, type Composition } from '../../../core/composite';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { computeFramingTarget, computeLayoutFromLook, renderLookCanvas } from './layout';
import { measureFramingError, movePlacementBack, refinePlacement, type Placement } from '../../../core/framing';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { measureVisibleBox } from '../../../core/visible-box';

export type { ComposeOptions };

export const compose = defineStage<ComposeOptions>({
  id: 'compose',
  // v5: places the upscale stage's enlarged copy when there is one.
  version: 5,
  label: 'Compose',
  defaults: { ...defaultComposeOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'Compose needs the decoded image and the refined mask.');
    }
    // A piece the upscale stage enlarged is placed from its sharper copy; the placement then lives in that copy's pixels.
    const { image, mask } = state.enlarged ?? { image: state.image, mask: state.mask };
    const settings = { ...options, decontaminate: options.decontaminate && ctx.look.strengths.decontaminate > 0 };
    const composeAt = (placement: Placement | undefined) =>
      composePieceOnCanvas(image, mask, { ...computeLayoutFromLook(ctx.look), placement }, settings, (fraction) => {
        ctx.signal.throwIfAborted();
        ctx.progress(fraction);
      });
    let placement = state.enlarged?.placement ?? state.placement;
    let composition = composeAt(placement);
    if (!composition) {
      throw new AppError('empty-mask', 'Nothing to compose: the mask has no pixel of the piece.');
    }
    // The fill is what a viewer sees: pixels of the piece that differ visibly from the background (a faint
    // haze counts, a white wire lost in a white canvas does not). Correct the placement from that box of the
    // composed picture, at most three times, and keep the round closest to the target (thin parts can come and
    // go with the scale). One rule for every round: the alpha box only when nothing at all is seen.
    const background = renderLookCanvas(ctx.look, null);
    const target = computeFramingTarget(ctx.look);
    const firstSeen = measureVisibleBox(composition.image, composition.alpha, background);
    const measureBox = (c: Composition) =>
      firstSeen ? measureVisibleBox(c.image, c.alpha, background) : computeMaskBoundingBox(c.alpha, options.bboxThreshold);
    let box = firstSeen ?? measureBox(composition);
    let best = { placement, composition, error: box ? measureFramingError(box, target) : Number.POSITIVE_INFINITY };
    for (let round = 0; round < 3 && placement && box; round++) {
      const refined = refinePlacement(placement, box, target);
      if (!refined) break;
      const next = composeAt(refined);
      if (!next) break;
      placement = refined;
      composition = next;
      box = measureBox(next);
      const error = box ? measureFramingError(box, target) : Number.POSITIVE_INFINITY;
      if (error < best.error) best = { placement, composition, error };
    }
    ({ placement, composition } = best);
    // The placement is kept in the photo's pixels; the enlarged copy is used up (its memory freed).
    if (state.enlarged && placement) placement = movePlacementBack(placement, state.enlarged.region, state.enlarged.factor);
    return { ...state, enlarged: undefined, placement, output: composition.image, outputAlpha: composition.alpha };
  },
});
