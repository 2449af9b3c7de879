// Decode stage: turns the source file into oriented sRGB pixels, bounded to a pixel budget.
import { AppError } from '../../errors';
import { defineStage } from '../../stage';

export interface DecodeOptions {
  /** Photos with more pixels than this are downscaled while decoding (memory stays bounded). */
  maxPixels: number;
}

export const decode = defineStage<DecodeOptions>({
  id: 'decode',
  version: 1,
  label: 'Decode',
  defaults: { maxPixels: 24_000_000 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (state.source.size === 0) throw new AppError('decode-failed', 'The file is empty.');
    const { image, info } = await ctx.decode(state.source, options.maxPixels);
    return { ...state, image, decodeInfo: info };
  },
});
