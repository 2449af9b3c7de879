// Encode stage: writes the finished picture in the look's format and quality (no metadata is copied); a JPEG
// keeps its white background exactly white, next to the piece too.
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { markWhiteBackground } from './white-background';

export const encode = defineStage<Record<string, never>>({
  id: 'encode',
  // 2: JPEG through MozJPEG (4:4:4 at quality ≥ 0.9, deringing) instead of the canvas encoder.
  // 3: a JPEG's white background decodes to exactly 255 next to the piece too (colour at quality 100).
  // 4: the edge blocks judged on the exact samples an IJG decoder gives (far fewer left a level off; faint fringes neutral).
  version: 4,
  label: 'Encode',
  defaults: {},
  async run(state, _options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.output) throw new AppError('unknown', 'Encode needs a composed picture.');
    const { format, quality } = ctx.look.output;
    const mustStayWhite = format === 'image/jpeg' ? markWhiteBackground(state.output, state.outputAlpha) : null;
    const encoded = await ctx.encode(state.output, format, quality, mustStayWhite ? { mustStayWhite, pieceAlpha: state.outputAlpha, signal: ctx.signal } : undefined);
    return { ...state, encoded };
  },
});
