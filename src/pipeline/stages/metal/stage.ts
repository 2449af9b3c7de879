// Metal stage: classifies the piece's metal from its pixels (after white balance) and tones the piece for it.
import { applyColorLut3dInPlace, buildColorLut3d } from '../../../core/color-lut-3d';
import { classifyMetal, defaultMetalClassOptions, measureMetalComposition, type MetalClassOptions } from '../../../core/metal-class';
import { estimateWhiteMetalCast } from '../../../core/metal-cast';
import { createMetalToneTransform, defaultMetalToneOptions, type MetalToneOptions } from '../../../core/metal-tone';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';

export interface MetalOptions {
  classify: MetalClassOptions;
  tone: MetalToneOptions;
  /** Grid nodes per axis of the colour table the toning is baked into. */
  lutSize: number;
}

export const metal = defineStage<MetalOptions>({
  id: 'metal',
  // 2: white metal's measured cast removed instead of all faint colour squashed, so pearls and pale stones keep theirs.
  // 3: the cast is taken off pearls and pale stones only as far as the backdrop shows it too (a cool reflection on a stud's post turned its pearls yellow).
  // 4: on yellow gold, pale greenish highlights are pulled into the gold band from farther out (they turned mint after white balance).
  version: 4,
  label: 'Metal',
  defaults: { classify: { ...defaultMetalClassOptions }, tone: { ...defaultMetalToneOptions }, lutSize: 33 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'Metal needs the decoded image and the refined mask.');
    }
    const composition = measureMetalComposition(state.image, state.mask, options.classify);
    const kind = classifyMetal(composition);
    const strength = ctx.look.strengths.metal;
    if (!(strength > 0)) return { ...state, metal: kind };
    ctx.signal.throwIfAborted();
    const isWhitish = kind === 'white' || kind === 'mixed';
    const whiteCast = isWhitish ? estimateWhiteMetalCast(state.image, state.mask, options.tone.castEstimate) : undefined;
    const transform = createMetalToneTransform(kind, Math.min(1, strength), composition.warmHueDeg, options.tone, whiteCast);
    const lut = buildColorLut3d(transform, options.lutSize);
    ctx.signal.throwIfAborted();
    // Toning acts on the piece only (weighted by its alpha): a warm backdrop is not gold, a grey one not silver.
    applyColorLut3dInPlace(state.image, lut, state.mask, 1, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    return { ...state, metal: kind };
  },
});
