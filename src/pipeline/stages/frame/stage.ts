// Frame stage: where the piece goes — the look's fill, anchor and margins, measured on what stays visible, never cropped.
import { computePlacement } from '../../../core/framing';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { computeFramingTarget } from '../compose/layout';

export interface FrameOptions {
  /** Alpha (0..255) above which a pixel counts toward the piece's box. */
  boxThreshold: number;
}

export const frame = defineStage<FrameOptions>({
  id: 'frame',
  version: 2,
  label: 'Frame',
  defaults: { boxThreshold: 127 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.mask) throw new AppError('unknown', 'Frame needs the mask.');
    const placement = computePlacement(state.mask, computeFramingTarget(ctx.look), options.boxThreshold);
    if (!placement) throw new AppError('empty-mask', 'No piece was found in this photo (the mask is empty).');
    return { ...state, placement };
  },
});
