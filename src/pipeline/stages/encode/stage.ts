// Encode stage: writes the finished picture in the look's format and quality (no metadata is copied).
import { AppError } from '../../errors';
import { defineStage } from '../../stage';

export const encode = defineStage<Record<string, never>>({
  id: 'encode',
  // 2: JPEG through MozJPEG (4:4:4 at quality ≥ 0.9, deringing) instead of the canvas encoder.
  version: 2,
  label: 'Encode',
  defaults: {},
  async run(state, _options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.output) throw new AppError('unknown', 'Encode needs a composed picture.');
    const { format, quality } = ctx.look.output;
    const encoded = await ctx.encode(state.output, format, quality);
    return { ...state, encoded };
  },
});
