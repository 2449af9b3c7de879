// Check stage: flags photos that are not clean packshots (piece cut off, worn or held, props, an unsure mask) so the seller sees them first.
import { defaultMaxEdgeContact, isRunningOffPhoto, measureComponentAreas, measureUncertainShare } from '../../../core/mask-analysis';
import { AppError } from '../../errors';
import type { PackshotCheck } from '../../result-facts';
import { defineStage } from '../../stage';

export interface CheckPackshotOptions {
  /** A frame side with more than this share (0..1) of piece pixels: the piece runs off the photo. */
  maxEdgeContact: number;
  /** Separate objects at least this big (0..1 of the largest) count; this many or more is suspicious. */
  minObjectShare: number;
  /** Alpha (0..255) above which pixels connect objects: half-seen thin wires and chains hold their parts together. */
  objectAlpha: number;
  maxObjects: number;
  /** Soft-edged pixels over solid piece pixels above this: the model is unsure. */
  maxUncertainShare: number;
  /** A half-kept hand or body left out by refine-mask, over the piece, above this: the seller checks the piece is whole. */
  maxLeftOutBody: number;
  /** Scattered parts left out by refine-mask, over the piece, above this: the seller checks nothing else remains. */
  maxLeftOutFragments: number;
}

export const checkPackshot = defineStage<CheckPackshotOptions>({
  id: 'check-packshot',
  // v2: objects connected through alpha above 64, not 127 (a recovered ear wire no longer splits an earring).
  // v3: a hand or body, or scattered bits, left out by refine-mask are flagged too.
  version: 3,
  label: 'Check',
  // Calibrated on the corpus: hands, models, gift boxes and orange slices are caught; studio shots are not.
  defaults: { maxEdgeContact: defaultMaxEdgeContact, minObjectShare: 0.1, objectAlpha: 64, maxObjects: 3, maxUncertainShare: 0.5, maxLeftOutBody: 0.5, maxLeftOutFragments: 0.1 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.mask) throw new AppError('unknown', 'Check needs the mask.');
    const checks: PackshotCheck[] = [];
    if (isRunningOffPhoto(state.mask, options.maxEdgeContact)) {
      checks.push({ code: 'touches-edge', message: 'The cut-out runs off the edge of the photo: the piece may be cut off, or worn or held.' });
    }
    const areas = measureComponentAreas(state.mask, options.objectAlpha);
    const objects = areas.filter((area) => area >= options.minObjectShare * areas[0]).length;
    if (objects >= options.maxObjects) {
      checks.push({ code: 'several-objects', message: `${objects} separate objects were kept: check that only the piece is there (no props).` });
    }
    if (measureUncertainShare(state.mask) > options.maxUncertainShare) {
      checks.push({ code: 'unsure-mask', message: 'The cut-out is unsure where the piece ends: check its edges.' });
    }
    if ((state.leftOut?.bodyShare ?? 0) > options.maxLeftOutBody) {
      checks.push({ code: 'left-out', message: 'A hand or body the cut-out half-kept was left out: check the piece is whole.' });
    }
    if ((state.leftOut?.fragmentShare ?? 0) > options.maxLeftOutFragments) {
      checks.push({ code: 'left-out', message: 'Scattered bits around the piece (print, text, clutter) were left out: check nothing else remains.' });
    }
    return { ...state, checks };
  },
});
