// The finished piece measured on the decoded file (highlights, median L*, the metal's cast, with the fill the export
// check measured), for scoring how well each photo matches the rest of its batch (pipeline/batch-match.ts).
import type { Mask, RgbaImage } from '../../../core/image';
import { measurePieceStatistics, type FillError } from '../../../quality';
import type { PieceMeasures } from '../../result-facts';

/**
 * Every second pixel of every second row: a quarter of the work. On the corpus's 32 finished pictures (2000², in Node,
 * `tests/bench/piece-measure.ts`) 42–47 ms median instead of 150–166, and no figure moved by more than 0.1 L* or b* (enough to
 * move a photo right at a bar's edge across it: the birthstone ring's highlights, 99.0 L*, score 75 sampled and 74
 * measured whole).
 */
const sampleStep = 2;

/** The piece's measures on `picture` (its alpha the picture's size), with its fill as measured; null when its alpha is empty. */
export function measureFinishedPiece(picture: RgbaImage, pieceAlpha: Mask, fill: FillError | null): PieceMeasures | null {
  // A piece so thin that the sample misses it (a 1 px wire on odd rows) is measured whole.
  const statistics = measurePieceStatistics(picture, pieceAlpha, 127, sampleStep) ?? measurePieceStatistics(picture, pieceAlpha);
  if (!statistics) return null;
  return { highlightL: statistics.p95L, medianL: statistics.medianL, metalB: statistics.metalB, fillPct: fill ? fill.fillPct : null };
}
