// How well each finished photo matches its batch and its look: the piece's highlights against the batch's and
// the look's, a white metal's cast against neutral, the fill against the look's; a score per photo, outliers named.
import { computeReachableFill } from '../core/framing';
import { readSortedMedian, sortAscending } from '../core/statistics';
import type { Look } from './look';
import type { PieceMeasures } from './result-facts';
import type { MetalType } from './stage';

/** One finished photo to score: its piece's measures, its metal, and the look it was made with (the batch's, or its own adjusted one). */
export interface MatchCandidate<Id> {
  id: Id;
  piece: PieceMeasures;
  metal?: MetalType;
  look: Look;
  /** Whether the seller set this photo's highlight brightness (its look's target is its own, not the batch's). */
  hasOwnBrightness?: boolean;
}

/** One measure of a photo against its batch and look. */
export interface MatchDifference {
  id: 'highlights' | 'cast' | 'fill';
  /** How far off it is over how far it may be: at most 1 is within the bar. */
  ratio: number;
  /** Whether it is past the bar. */
  isOff: boolean;
  /** One sentence for the seller, with the figures. */
  message: string;
}

export interface BatchMatch {
  /** 0..100: 100 is the batch and the look exactly, 75 is at the edge of a bar, lower is unlike the batch. */
  score: number;
  /** Past a bar on some measure: the photo does not look like the rest of the catalog. */
  isOutlier: boolean;
  /** Every measure, worst first. */
  differences: MatchDifference[];
}

export interface BatchMatchOptions {
  /** How far (L*) the highlights may be from the batch's and the look's (the look's bar: highlight level std ≤ 3 across the batch). */
  highlightToleranceL: number;
  /** How far (b*) a white metal's cast may be from neutral (the look's bar). */
  whiteCastToleranceB: number;
  /** How far (percentage points) the fill may be from what the look can reach: the look's bar, as the export check applies it. */
  fillTolerancePoints: number;
}

export const defaultBatchMatchOptions: BatchMatchOptions = { highlightToleranceL: 3, whiteCastToleranceB: 2, fillTolerancePoints: 1 };

/** Score points lost per bar's width off: a photo at the edge of a bar scores 75, twice the bar off 50, four times 0. */
const pointsPerRatio = 25;

/** A figure to one decimal, without a trailing ".0". */
function formatFigure(value: number): string {
  return String(Number(value.toFixed(1)));
}

function formatSigned(value: number): string {
  const text = formatFigure(value);
  return value > 0 && text !== '0' ? `+${text}` : text;
}

/** Whether the look takes the highlights all the way to its target (otherwise the target only says which way they go). */
function isTargetReached(look: Look): boolean {
  return look.strengths.exposure >= 1;
}

/**
 * Each photo's highlights as compared: its 95th-percentile L* less its look's target when the look reaches it (an
 * adjusted photo is judged against its own brightness), the L* itself when the look goes only part of the way (and
 * then a photo with its own brightness is not compared: how far the look moved it is not known).
 */
function toHighlightOffset(candidate: MatchCandidate<unknown>): number | null {
  if (!isTargetReached(candidate.look)) return candidate.hasOwnBrightness ? null : candidate.piece.highlightL;
  return candidate.piece.highlightL - candidate.look.tone.highlightL;
}

/** The highlights against the batch's median (of the same offsets) and, when the look reaches its target, against it. */
function compareHighlights(offset: number | null, batchOffset: number | null, candidate: MatchCandidate<unknown>, options: BatchMatchOptions): MatchDifference {
  const { highlightL } = candidate.piece;
  if (offset === null) return { id: 'highlights', ratio: 0, isOff: false, message: `Highlights: L* ${formatFigure(highlightL)} (its own brightness: not compared with the batch).` };
  const isReached = isTargetReached(candidate.look);
  const target = isReached ? candidate.look.tone.highlightL : 0;
  const fromBatch = batchOffset === null ? 0 : Math.abs(offset - batchOffset);
  const fromLook = isReached ? Math.abs(offset) : 0;
  const ratio = Math.max(fromBatch, fromLook) / options.highlightToleranceL;
  const isOff = ratio > 1;
  // A photo with its own brightness: the batch's level means nothing beside its own target, how far the batch sits from its look does.
  const batchText =
    batchOffset === null ? '' : candidate.hasOwnBrightness ? `the batch ${formatSigned(batchOffset)} from its look` : `the batch's ${formatFigure(batchOffset + target)}`;
  const lookText = isReached ? `${candidate.hasOwnBrightness ? 'its own brightness' : 'the look'} asks ${formatFigure(target)}` : '';
  const against = [batchText, lookText].filter(Boolean).join(', ');
  if (!isOff) return { id: 'highlights', ratio, isOff, message: `Highlights: L* ${formatFigure(highlightL)}${against ? ` (${against})` : ''}.` };
  // Unlike the batch is what the seller sees in the grid: said first when it is past the bar.
  const isBatchWorse = fromBatch > options.highlightToleranceL;
  const worse = isBatchWorse ? offset - (batchOffset ?? 0) : offset;
  return {
    id: 'highlights',
    ratio,
    isOff,
    message: `Highlights ${worse < 0 ? 'darker' : 'brighter'} than ${isBatchWorse ? 'the batch' : candidate.hasOwnBrightness ? 'its own brightness asks' : 'the look asks'}: L* ${formatFigure(highlightL)}${against ? ` (${against})` : ''}, more than ${formatFigure(options.highlightToleranceL)} apart.`,
  };
}

/** A white metal's cast against neutral (gold and rose keep their colour: not compared). */
function compareWhiteCast(candidate: MatchCandidate<unknown>, options: BatchMatchOptions): MatchDifference | null {
  if (candidate.metal !== 'white') return null;
  const { metalB } = candidate.piece;
  const ratio = Math.abs(metalB) / options.whiteCastToleranceB;
  const isOff = ratio > 1;
  const tint = metalB > 0 ? 'yellowish' : 'bluish';
  return {
    id: 'cast',
    ratio,
    isOff,
    message: isOff
      ? `White metal looks ${tint}: b* ${formatSigned(metalB)}, more than ${formatFigure(options.whiteCastToleranceB)} from neutral.`
      : `White metal neutral: b* ${formatSigned(metalB)}.`,
  };
}

/** The fill against what the photo's look can reach (its margins may leave less than its fill). */
function compareFill(candidate: MatchCandidate<unknown>, options: BatchMatchOptions): MatchDifference | null {
  const { fillPct } = candidate.piece;
  if (fillPct === null) return null;
  const targetPct = computeReachableFill(candidate.look.framing) * 100;
  const off = fillPct - targetPct;
  const ratio = Math.abs(off) / options.fillTolerancePoints;
  const isOff = ratio > 1;
  return {
    id: 'fill',
    ratio,
    isOff,
    message: isOff
      ? `Piece ${off < 0 ? 'smaller' : 'larger'} than the look's: it fills ${formatFigure(fillPct)} % of the frame against ${formatFigure(targetPct)} %.`
      : `Fill: ${formatFigure(fillPct)} % of the frame (the look's ${formatFigure(targetPct)} %).`,
  };
}

/**
 * Scores every candidate against the others and its look. The batch's highlights are the median over the candidates
 * compared (a photo's own pull on it is small, and one outlier does not move it); with one alone, only the look counts.
 * Worst measure decides: score 100 − 25 × its ratio, clamped to 0..100.
 */
export function scoreBatchMatch<Id>(candidates: readonly MatchCandidate<Id>[], options: BatchMatchOptions = defaultBatchMatchOptions): Map<Id, BatchMatch> {
  const offsets = candidates.map(toHighlightOffset);
  const compared = offsets.filter((offset): offset is number => offset !== null);
  const batchOffset = compared.length >= 2 ? readSortedMedian(sortAscending(compared)) : null;
  const scores = new Map<Id, BatchMatch>();
  candidates.forEach((candidate, i) => {
    const differences = [compareHighlights(offsets[i], batchOffset, candidate, options), compareWhiteCast(candidate, options), compareFill(candidate, options)]
      .filter((difference): difference is MatchDifference => difference !== null)
      .sort((a, b) => b.ratio - a.ratio);
    const worst = differences[0]?.ratio ?? 0;
    scores.set(candidate.id, {
      score: Math.max(0, Math.min(100, Math.round(100 - pointsPerRatio * worst))),
      isOutlier: differences.some((difference) => difference.isOff),
      differences,
    });
  });
  return scores;
}
