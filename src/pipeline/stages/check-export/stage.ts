// Check-export stage: the encoded file is decoded as a browser will and checked against the look (size,
// background, fill) and the marketplaces' file limit, so the seller sees before uploading which pictures pass.
import { AppError } from '../../errors';
import { checkExport, defaultExportCheckOptions, type ExportCheckOptions } from '../../export-checks';
import { defineStage } from '../../stage';

export const checkExportStage = defineStage<ExportCheckOptions>({
  id: 'check-export',
  version: 1,
  label: 'Check export',
  defaults: { ...defaultExportCheckOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.encoded || !state.outputAlpha) throw new AppError('unknown', 'Check export needs the encoded picture and its alpha.');
    const { widthPx, heightPx } = ctx.look.output;
    // Twice the look's pixels: a file of another size still decodes, and is reported as such.
    const { image: picture } = await ctx.decode(state.encoded, 2 * widthPx * heightPx);
    const exportChecks = checkExport({ picture, pieceAlpha: state.outputAlpha, shadowMap: state.shadowMap, fileBytes: state.encoded.size, look: ctx.look }, options);
    return { ...state, exportChecks };
  },
});
