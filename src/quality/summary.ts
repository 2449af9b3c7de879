// Quality report: the per-image figures bundled in one record, and their summary over a batch for the report table.
import { readSortedMedian, sortAscending } from '../core/statistics';

/** The quality figures of one output image; each is absent when it cannot be measured (e.g. no ground-truth mask). */
export interface ImageQuality {
  /** The image's name, e.g. its file name. */
  name: string;
  /** Mask IoU against the ground truth, 0..1. */
  maskIoU?: number;
  /** Boundary F-measure against the ground truth, 0..1. */
  boundaryFMeasure?: number;
  /** Share of background pixels (alpha 0 on the finished picture) exactly the look's colour, 0..1. */
  backgroundPurity?: number;
  /** The same over the background more than `edgeBandPx` (16) from the piece: JPEG's 16 px blocks ring only near edges. */
  backgroundPurityBeyondEdgeBand?: number;
  /** Bounding-box fill of the frame, percent 0..100. */
  fillPct?: number;
  /** `fillPct` minus the look's target, percentage points (negative: smaller than asked). */
  fillErrorPoints?: number;
  /** Edge-ring ΔE00 of the output minus that of a perfect cut (≥ 0 is worse; may be negative). */
  haloDeltaE00?: number;
  /** Raw mean ΔE00 of the output's outer edge ring against the background, ≥ 0. */
  edgeRingDeltaE00?: number;
  /** Raw mean ΔE00 of the perfect cut's outer edge ring, ≥ 0. */
  referenceEdgeRingDeltaE00?: number;
}

/** The numeric figures of `ImageQuality`. */
export type QualityFigure = Exclude<keyof ImageQuality, 'name'>;

/** Every figure, in report-column order (a Record, so a field added to `ImageQuality` but not listed here fails to compile). */
const figureColumns: Record<QualityFigure, true> = {
  maskIoU: true,
  boundaryFMeasure: true,
  backgroundPurity: true,
  backgroundPurityBeyondEdgeBand: true,
  fillPct: true,
  fillErrorPoints: true,
  haloDeltaE00: true,
  edgeRingDeltaE00: true,
  referenceEdgeRingDeltaE00: true,
};

/** The figures in report-column order (string keys keep their insertion order). */
export const qualityFigures: readonly QualityFigure[] = Object.keys(figureColumns) as QualityFigure[];

/** One figure over the images that have it (finite values only). */
export interface FigureSummary {
  /** How many images had the figure. */
  count: number;
  /** Middle value; the mean of the two middle values for an even count. */
  median: number;
  mean: number;
  min: number;
  max: number;
}

export interface QualitySummary {
  imageCount: number;
  /** Each figure's summary, or null when no image has it. */
  figures: Record<QualityFigure, FigureSummary | null>;
}

/** Median, mean, min and max of a non-empty list. */
function summarizeValues(values: number[]): FigureSummary {
  const sorted = sortAscending(values);
  const median = readSortedMedian(sorted);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { count: sorted.length, median, mean, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Summarises each figure over the images that have it, for the report table; non-finite values are skipped. */
export function summarizeQuality(list: readonly ImageQuality[]): QualitySummary {
  const figures = {} as Record<QualityFigure, FigureSummary | null>;
  for (const figure of qualityFigures) {
    const values = list.flatMap((quality) => {
      const value = quality[figure];
      return value !== undefined && Number.isFinite(value) ? [value] : [];
    });
    figures[figure] = values.length === 0 ? null : summarizeValues(values);
  }
  return { imageCount: list.length, figures };
}
