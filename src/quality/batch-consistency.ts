// Quality metric: how alike the pieces of a batch look: per-image piece statistics in CIELAB, and their spread across the batch.
import { writeSrgbAsLab } from '../core/color-difference';
import type { Mask, RgbaImage } from '../core/image';
import { measureFill } from './fill-error';

/** One image's piece, measured in CIELAB (D65) over its masked pixels. */
export interface PieceStatistics {
  /** Median L* of the piece, 0..100. */
  medianL: number;
  /** 95th percentile L* of the piece (its highlights), 0..100. */
  p95L: number;
  /** Mean a* of the piece: its green (−) / red (+) cast, roughly −128..127. */
  meanA: number;
  /** Mean b* of the piece: its blue (−) / yellow (+) cast, roughly −128..127. */
  meanB: number;
  /** How many pixels were measured. */
  pixelCount: number;
  /** Bounding-box fill of the frame in percent, 0..100 (see `measureFill`), when known. */
  fillPct?: number;
}

/** Population standard deviations across a batch. */
export interface BatchConsistency {
  imageCount: number;
  /** Spread of the pieces' median L*, L* units. */
  medianLStd: number;
  /** Spread of the pieces' highlight level (95th-percentile L*), L* units: the metal's exposure. */
  p95LStd: number;
  /** Spread of the pieces' mean a*. */
  meanAStd: number;
  /** Spread of the pieces' mean b*. */
  meanBStd: number;
  /** Spread of the cast's strength, the chroma √(meanA² + meanB²) of each piece. */
  castChromaStd: number;
  /** Spread of fill in percentage points, over the images that have `fillPct`; null when none has. */
  fillPctStd: number | null;
}

/** L* histogram resolution: 100 bins per L* unit. */
const binsPerL = 100;
const binCount = 100 * binsPerL + 1;

/** The pixel at `rank` (1-based) in L* order, read from the histogram as the mean L* of its bin (exact for one colour). */
function readRank(counts: Uint32Array, sums: Float64Array, rank: number): number {
  let seen = 0;
  for (let bin = 0; bin < binCount; bin++) {
    seen += counts[bin];
    if (seen >= rank) return sums[bin] / counts[bin];
  }
  return 100;
}

/**
 * Statistics of the piece in `image`: pixels where `mask` > `threshold` (alpha of `image` ignored). L* median
 * and 95th percentile are nearest-rank values from a 0.01-L* histogram (the bin's mean, so within 0.01 of the
 * exact value); mean a* and b* are exact. Row by row: no float copy of the image. Null when nothing is masked.
 */
export function measurePieceStatistics(image: RgbaImage, mask: Mask, threshold = 127): PieceStatistics | null {
  const { width, height, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`measurePieceStatistics: mask is ${mask.width}×${mask.height}, image is ${width}×${height}`);
  }
  const counts = new Uint32Array(binCount);
  const sums = new Float64Array(binCount);
  const lab = new Float64Array(3);
  let sumA = 0;
  let sumB = 0;
  let pixelCount = 0;
  let lastKey = -1;
  let bin = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (mask.data[i] <= threshold) continue;
      const p = i * 4;
      const key = (data[p] << 16) | (data[p + 1] << 8) | data[p + 2];
      if (key !== lastKey) {
        writeSrgbAsLab(data[p], data[p + 1], data[p + 2], lab);
        bin = Math.min(binCount - 1, Math.max(0, Math.round(lab[0] * binsPerL)));
        lastKey = key;
      }
      counts[bin]++;
      sums[bin] += lab[0];
      sumA += lab[1];
      sumB += lab[2];
      pixelCount++;
    }
  }
  if (pixelCount === 0) return null;
  return {
    medianL: readRank(counts, sums, Math.ceil(0.5 * pixelCount)),
    p95L: readRank(counts, sums, Math.ceil(0.95 * pixelCount)),
    meanA: sumA / pixelCount,
    meanB: sumB / pixelCount,
    pixelCount,
    fillPct: (measureFill(mask, threshold) ?? 0) * 100,
  };
}

/** Population standard deviation; 0 for an empty list. */
function computeStd(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance);
}

/**
 * Spread across a batch (population std) of the piece's median and 95th-percentile L*, its cast (mean a*, mean b*, and the cast's
 * chroma) and its fill %. Call it on the inputs and on the outputs to see whether retouching made the batch more
 * alike. All 0 for an empty batch.
 */
export function measureBatchConsistency(statistics: readonly PieceStatistics[]): BatchConsistency {
  const fills = statistics.flatMap((s) => (s.fillPct === undefined ? [] : [s.fillPct]));
  return {
    imageCount: statistics.length,
    medianLStd: computeStd(statistics.map((s) => s.medianL)),
    p95LStd: computeStd(statistics.map((s) => s.p95L)),
    meanAStd: computeStd(statistics.map((s) => s.meanA)),
    meanBStd: computeStd(statistics.map((s) => s.meanB)),
    castChromaStd: computeStd(statistics.map((s) => Math.hypot(s.meanA, s.meanB))),
    fillPctStd: fills.length === 0 ? null : computeStd(fills),
  };
}
