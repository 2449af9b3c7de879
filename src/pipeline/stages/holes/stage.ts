// Holes stage: background seen through rings, links and loops (and the model's grey haze there) leaves the mask.
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { clearHoles, defaultHolesOptions, type HolesOptions } from './clear-holes';

export type { HolesOptions };

export const holes = defineStage<HolesOptions>({
  id: 'holes',
  // v2: filled holes recognised by the backdrop's hue in the walls' shade, very wide ones with a softer rim; specks closed over.
  version: 2,
  label: 'Holes',
  defaults: { ...defaultHolesOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask) {
      throw new AppError('unknown', 'Holes needs the decoded image and the refined mask.');
    }
    // Synchronous; it checks the signal between blocks of 64 rows.
    const { mask } = clearHoles(state.image, state.mask, ctx.look.strengths.holes, options, (fraction) => {
      ctx.signal.throwIfAborted();
      ctx.progress(fraction);
    });
    ctx.progress(1);
    return { ...state, mask };
  },
});
