// Check-export stage: the encoded file is decoded as a browser will and checked against the look (size,
// background, fill) and the marketplaces' file limit, so the seller sees before uploading which pictures pass; the
// piece is measured on it too (highlights, cast, fill), so the app can say which photos are unlike the batch.
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { renderLookCanvas } from '../compose/layout';
import { defaultExportCheckOptions, measureExportChecks, type ExportCheckOptions } from './export-checks';
import { measureFinishedPiece } from './piece-measures';

export const checkExport = defineStage<ExportCheckOptions>({
  id: 'check-export',
  version: 2,
  // It measures the file and changes no pixel: results made before it (or before its thresholds changed) stay current.
  changesPixels: false,
  label: 'Check export',
  defaults: { ...defaultExportCheckOptions },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.encoded || !state.outputAlpha) throw new AppError('unknown', 'Check export needs the encoded picture and its alpha.');
    const { widthPx, heightPx } = ctx.look.output;
    let picture;
    try {
      // Twice the look's pixels: a file of another size still decodes, and is reported as such.
      picture = (await ctx.decode(state.encoded, 2 * widthPx * heightPx)).image;
    } catch (error) {
      // The decoder short of memory must not throw the finished picture away: it is kept, and said to be unchecked.
      ctx.signal.throwIfAborted();
      const reason = error instanceof Error ? error.message : String(error);
      return { ...state, exportChecks: [{ id: 'decoded', pass: false, message: `Not checked: the finished file could not be decoded to check it (${reason}). Look at it before uploading.` }] };
    }
    const canvas = renderLookCanvas(ctx.look, state.shadowMap ?? null);
    const pieceAlpha = state.outputAlpha;
    const exportChecks = measureExportChecks({ picture, pieceAlpha, shadowMap: state.shadowMap, fileBytes: state.encoded.size, look: ctx.look, canvas }, options);
    const pieceMeasures = measureFinishedPiece({ picture, pieceAlpha, canvas, look: ctx.look }) ?? undefined;
    return { ...state, exportChecks, pieceMeasures };
  },
});
