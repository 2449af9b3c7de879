// Check-export stage: the encoded file is decoded as a browser will and checked against the look (size,
// background, fill) and the marketplaces' file limit, so the seller sees before uploading which pictures pass; the
// piece is measured on it too (highlights, cast, fill), so the app can say which photos are unlike the batch.
import { AppError } from '../../errors';
import { defineStage } from '../../stage';
import { defaultExportCheckOptions, measureExportChecks, measureFramedLook, type ExportCheckOptions } from './export-checks';
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
    const pieceAlpha = state.outputAlpha;
    // The look's canvas and the piece's fill on it, measured once for the checks and the piece's measures (only a
    // picture of the look's size, with its alpha, is measured: another is reported by its size check alone).
    const isLookSized = picture.width === widthPx && picture.height === heightPx && pieceAlpha.width === widthPx && pieceAlpha.height === heightPx;
    const framed = isLookSized ? measureFramedLook(picture, pieceAlpha, state.shadowMap, ctx.look) : undefined;
    const exportChecks = measureExportChecks({ picture, pieceAlpha, shadowMap: state.shadowMap, fileBytes: state.encoded.size, look: ctx.look, framed }, options);
    const pieceMeasures = framed ? (measureFinishedPiece(picture, pieceAlpha, framed.fill) ?? undefined) : undefined;
    return { ...state, exportChecks, pieceMeasures };
  },
});
