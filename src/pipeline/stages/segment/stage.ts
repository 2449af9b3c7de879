// Segment stage: runs ISNet once on the photo resized to 1024² and keeps its mask at model resolution.
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { imageToIsnetInput, isnetOutputToMask } from '../../../models/tensors';

export interface SegmentOptions {
  /** Side of the square model input, px. ISNet is trained at 1024. */
  inputSizePx: number;
}

export const segment = defineStage<SegmentOptions>({
  id: 'segment',
  version: 1,
  label: 'Segment',
  model: 'isnet',
  defaults: { inputSizePx: 1024 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image) throw new AppError('unknown', 'Segment needs a decoded image.');
    const size = options.inputSizePx;
    const input = imageToIsnetInput(state.image, size);
    const output = await ctx.infer('isnet', input, [1, 3, size, size]);
    ctx.signal.throwIfAborted();
    return { ...state, modelMask: isnetOutputToMask(output, size) };
  },
});
