// Brilliance stage: the piece's stones more vivid (vibrance, hue kept) and its facets and metal edges crisper (local
// contrast), after the tone stage so the highlights it set stay put; gold, rose gold and skin are never saturated.
import { applyColorLut3dInPlace, buildColorLut3d } from '../../../core/color-lut-3d';
import { applyLocalContrastInPlace, createStoneVibranceTransform, defaultBrillianceOptions, type BrillianceOptions } from '../../../core/piece-brilliance';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';

export interface BrillianceStageOptions {
  brilliance: BrillianceOptions;
  /** Grid nodes per axis of the colour table the vibrance is baked into. */
  lutSize: number;
}

export const brilliance = defineStage<BrillianceStageOptions>({
  id: 'brilliance',
  version: 1,
  label: 'Brilliance',
  defaults: { brilliance: { ...defaultBrillianceOptions }, lutSize: 33 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'Brilliance needs the decoded image and the refined mask.');
    }
    const strength = Math.min(1, ctx.look.strengths.brilliance);
    if (!(strength > 0)) return state;
    const lut = buildColorLut3d(createStoneVibranceTransform(strength, options.brilliance), options.lutSize);
    ctx.signal.throwIfAborted();
    applyColorLut3dInPlace(state.image, lut, state.mask, 1, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction / 2);
    });
    applyLocalContrastInPlace(state.image, state.mask, strength, options.brilliance, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(0.5 + fraction / 2);
    });
    return { ...state };
  },
});
