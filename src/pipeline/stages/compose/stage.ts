// Compose stage: the piece cut out by its alpha, scaled and placed on the look's background at its fill and anchor.
import { composePieceOnCanvas, defaultComposeOptions, type ComposeOptions } from '../../../core/composite';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { computeLayoutFromLook } from './layout';

export type { ComposeOptions };

export const compose = defineStage<ComposeOptions>({
  id: 'compose',
  version: 2,
  label: 'Compose',
  defaults: { ...defaultComposeOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'Compose needs the decoded image and the refined mask.');
    }
    const layout = { ...computeLayoutFromLook(ctx.look), placement: state.placement };
    const settings = { ...options, decontaminate: options.decontaminate && ctx.look.strengths.decontaminate > 0 };
    const composition = composePieceOnCanvas(state.image, state.mask, layout, settings, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    if (!composition) {
      throw new AppError('empty-mask', 'Nothing to compose: the mask has no pixel of the piece.');
    }
    return { ...state, output: composition.image, outputAlpha: composition.alpha };
  },
});
