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
  /**
   * The metal's cast: median b* of the piece's less saturated half (pixels at or below its median chroma), so
   * that coloured stones, enamel or resin do not count as a cast of the metal around them.
   */
  metalB: number;
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

/** b* histogram resolution for the metal's cast: 0.05 b* per bin over −160..160. */
const bBinsPerUnit = 20;
const bOffset = 160;
const bBinCount = 2 * bOffset * bBinsPerUnit + 1;
/** Chroma histogram resolution: 0.05 per bin over 0..200. */
const chromaBinCount = 200 * bBinsPerUnit + 1;

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
 * exact value); mean a* and b* are exact; the metal's b* is a median to 0.05 (a second pass over the piece). Row
 * by row: no float copy of the image. With `step` (an integer ≥ 1) above 1, every `step`-th pixel of every
 * `step`-th row is measured, and the figures are those of that sample (a large piece's move by hundredths); the
 * fill is always the whole mask's. Null when nothing measured is masked.
 */
export function measurePieceStatistics(image: RgbaImage, mask: Mask, threshold = 127, step = 1): PieceStatistics | null {
  if (!Number.isInteger(step) || step < 1) throw new RangeError(`measurePieceStatistics: step must be an integer ≥ 1, not ${step}`);
  const { width, height, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`measurePieceStatistics: mask is ${mask.width}×${mask.height}, image is ${width}×${height}`);
  }
  const counts = new Uint32Array(binCount);
  const sums = new Float64Array(binCount);
  const chromaCounts = new Uint32Array(chromaBinCount);
  const lab = new Float64Array(3);
  let sumA = 0;
  let sumB = 0;
  let pixelCount = 0;
  let lastKey = -1;
  let bin = 0;
  let chromaBin = 0;
  for (let y = 0; y < height; y += step) {
    const row = y * width;
    for (let x = 0; x < width; x += step) {
      const i = row + x;
      if (mask.data[i] <= threshold) continue;
      const p = i * 4;
      const key = (data[p] << 16) | (data[p + 1] << 8) | data[p + 2];
      if (key !== lastKey) {
        writeSrgbAsLab(data[p], data[p + 1], data[p + 2], lab);
        bin = Math.min(binCount - 1, Math.max(0, Math.round(lab[0] * binsPerL)));
        chromaBin = Math.min(chromaBinCount - 1, Math.round(Math.hypot(lab[1], lab[2]) * bBinsPerUnit));
        lastKey = key;
      }
      counts[bin]++;
      sums[bin] += lab[0];
      chromaCounts[chromaBin]++;
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
    metalB: measureLowChromaMedianB(image, mask, threshold, readBinRank(chromaCounts, Math.ceil(0.5 * pixelCount)), step),
    pixelCount,
    fillPct: (measureFill(mask, threshold) ?? 0) * 100,
  };
}

/** The bin holding the pixel at `rank` (1-based). */
function readBinRank(counts: Uint32Array, rank: number): number {
  let seen = 0;
  for (let bin = 0; bin < counts.length; bin++) {
    seen += counts[bin];
    if (seen >= rank) return bin;
  }
  return counts.length - 1;
}

/** Median b* (to 0.05) of the masked pixels whose chroma bin is at most `maxChromaBin` (every `step`-th of every `step`-th row). */
function measureLowChromaMedianB(image: RgbaImage, mask: Mask, threshold: number, maxChromaBin: number, step: number): number {
  const { width, height, data } = image;
  const bCounts = new Uint32Array(bBinCount);
  const lab = new Float64Array(3);
  let count = 0;
  let lastKey = -1;
  let bBin = -1;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      const i = y * width + x;
      if (mask.data[i] <= threshold) continue;
      const p = i * 4;
      const key = (data[p] << 16) | (data[p + 1] << 8) | data[p + 2];
      if (key !== lastKey) {
        writeSrgbAsLab(data[p], data[p + 1], data[p + 2], lab);
        const isLowChroma = Math.round(Math.hypot(lab[1], lab[2]) * bBinsPerUnit) <= maxChromaBin;
        bBin = isLowChroma ? Math.min(bBinCount - 1, Math.max(0, Math.round((lab[2] + bOffset) * bBinsPerUnit))) : -1;
        lastKey = key;
      }
      if (bBin < 0) continue;
      bCounts[bBin]++;
      count++;
    }
  }
  return readBinRank(bCounts, Math.ceil(0.5 * count)) / bBinsPerUnit - bOffset;
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
