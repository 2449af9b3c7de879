// Tone stage: the piece's exposure and contrast matched to the look (its highlights to the look's L*); the piece drives the curve, the whole photo gets it.
import {
  applyLuminanceCurveInPlace,
  buildPieceToneCurve,
  defaultExposureOptions,
  measurePieceLightness,
  type ExposureOptions,
} from '../../../core/tone-curve';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';

export interface ToneOptions {
  exposure: ExposureOptions;
  /** Pixels sampled at most to measure the piece. */
  maxSamples: number;
}

export const tone = defineStage<ToneOptions>({
  id: 'tone',
  version: 1,
  label: 'Tone',
  defaults: { exposure: { ...defaultExposureOptions }, maxSamples: 400_000 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'Tone needs the decoded image and the refined mask.');
    }
    // The look's exposure strength scales all three: the gain in stops, and contrast and saturation towards 1.
    const strength = Math.min(1, ctx.look.strengths.exposure);
    if (!(strength > 0)) return state;
    const lightness = measurePieceLightness(state.image, state.mask, options.maxSamples);
    if (!lightness) return state;
    const { highlightL, contrast, saturation } = ctx.look.tone;
    const curve = buildPieceToneCurve(lightness, { highlightL, contrast, strength }, options.exposure);
    // The whole photo, so the backdrop around the piece stays consistent with it for edge clean-up.
    applyLuminanceCurveInPlace(state.image, curve, 1 + strength * (saturation - 1), (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    return { ...state };
  },
});
