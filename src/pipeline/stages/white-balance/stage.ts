// White-balance stage: the photo's colour cast, estimated from its neutral evidence (backdrop, the piece's highlights), removed from the whole photo.
import { applyChannelLutsInPlace, buildLinearCurveLut, isIdentityLut } from '../../../core/channel-lut';
import {
  computeCastGains,
  defaultCastPriors,
  defaultNeutralEvidenceOptions,
  estimateCast,
  measureNeutralEvidence,
  type CastPriors,
  type NeutralEvidenceOptions,
} from '../../../core/illuminant';
import { defaultMaxEdgeContact, isRunningOffPhoto } from '../../../core/mask-analysis';
import { AppError } from '../../errors';
import { defineStage } from '../../stage';

export interface WhiteBalanceOptions {
  /** What is sampled as evidence (subsample size, share of the piece taken as highlights, share of the backdrop taken as its bright part). */
  evidence: NeutralEvidenceOptions;
  /** What casts and surfaces are expected, and the largest correction. */
  priors: CastPriors;
  /**
   * A frame side with more than this share (0..1) of piece pixels: the piece runs off the photo (worn, held, cut off),
   * so what is around it is a body, clothes or a scene rather than a backdrop, and only the piece's highlights count
   * (which alone ask for a small correction). The check stage flags such photos by the same rule.
   */
  maxEdgeContact: number;
}

export const whiteBalance = defineStage<WhiteBalanceOptions>({
  id: 'white-balance',
  // 2: around a piece that runs off the photo is no backdrop (blue jeans behind a wrist were read as card under shade).
  // 3: on a busy backdrop the light is read from its bright, plain part (a white wall behind driftwood), so pale gold is not taken for silver under warm light.
  version: 3,
  label: 'White balance',
  defaults: { evidence: { ...defaultNeutralEvidenceOptions }, priors: { ...defaultCastPriors }, maxEdgeContact: defaultMaxEdgeContact },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'White balance needs the decoded image and the refined mask.');
    }
    const strength = ctx.look.strengths.whiteBalance;
    if (!(strength > 0)) return state;
    const measured = measureNeutralEvidence(state.image, state.mask, options.evidence);
    const evidence = isRunningOffPhoto(state.mask, options.maxEdgeContact) ? { ...measured, backdrop: null, brightBackdrop: null } : measured;
    ctx.signal.throwIfAborted();
    const cast = estimateCast(evidence, options.priors);
    // The same gains on the whole photo, so the backdrop stays consistent with the piece for edge clean-up.
    const luts = computeCastGains(cast, Math.min(1, strength)).map((gain) => buildLinearCurveLut((linear) => linear * gain));
    if (luts.every(isIdentityLut)) return state;
    applyChannelLutsInPlace(state.image, [luts[0], luts[1], luts[2]], (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    return { ...state };
  },
});
