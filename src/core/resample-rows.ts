// The resampling engine: separable bilinear or area (box) filtering that pulls source rows on demand and yields output rows.
import type { Rect } from './geometry';

/**
 * 'bilinear' interpolates between the two nearest pixels (use when enlarging or for small reductions);
 * 'area' averages every source pixel an output pixel covers, weighted by overlap (anti-aliased shrinking);
 * 'auto' picks area on an axis that shrinks and bilinear on one that grows or keeps its size.
 */
export type ResampleFilter = 'auto' | 'bilinear' | 'area';

/** Something that can hand out rows of interleaved float samples: an image, a mask, a plane, or a computed view. */
export interface RowSource {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Writes columns `x0 ≤ x < x1` of row `y` into `out[(x − x0)·channels + c]`. */
  readRow(y: number, x0: number, x1: number, out: Float32Array): void;
}

/** Output rows of a resampled source; rows may be read in any order but are cheapest in increasing order. */
export interface RowResampler {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Writes output row `y` (width·channels samples, in the source's units) into `out`. */
  readRow(y: number, out: Float32Array): void;
}

/** Filter taps along one axis: output i reads source indices first[i] … first[i] + count[i] − 1. */
export interface ResampleTaps {
  first: Int32Array;
  count: Int32Array;
  /** weights[i·maxTaps + k], summing to 1 for each output index. */
  weights: Float32Array;
  maxTaps: number;
  /** The smallest and largest source index any output reads. */
  minIndex: number;
  maxIndex: number;
}

/**
 * Taps mapping `outSize` output pixels onto the source span [start, start + span) (px, may be fractional),
 * pixel centres aligned; indices are clamped to 0 … sourceSize − 1 (edge pixels repeat).
 */
export function computeResampleTaps(sourceSize: number, start: number, span: number, outSize: number, filter: ResampleFilter): ResampleTaps {
  const scale = span / outSize;
  const useArea = filter === 'area' || (filter === 'auto' && scale > 1 + 1e-9);
  const maxTaps = useArea ? Math.ceil(scale) + 2 : 2;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * maxTaps);
  const scratch = new Float64Array(maxTaps + 2);
  let minIndex = sourceSize - 1;
  let maxIndex = 0;
  const last = sourceSize - 1;
  for (let i = 0; i < outSize; i++) {
    let lo: number;
    let hi: number;
    scratch.fill(0);
    if (useArea) {
      const s0 = start + i * scale;
      const s1 = s0 + scale;
      lo = Math.min(last, Math.max(0, Math.floor(s0)));
      hi = Math.min(last, Math.max(0, Math.ceil(s1) - 1));
      for (let k = Math.floor(s0); k < s1; k++) {
        const overlap = Math.min(k + 1, s1) - Math.max(k, s0);
        if (overlap > 0) scratch[Math.min(last, Math.max(0, k)) - lo] += overlap;
      }
    } else {
      const centre = start + (i + 0.5) * scale - 0.5;
      const k0 = Math.floor(centre);
      const f = centre - k0;
      const a = Math.min(last, Math.max(0, k0));
      const b = Math.min(last, Math.max(0, k0 + 1));
      lo = a;
      hi = b;
      scratch[0] += 1 - f;
      scratch[b - lo] += f;
    }
    // Trim taps whose weight is negligible so the span of rows and columns read stays tight.
    while (hi > lo && scratch[hi - lo] < 1e-7) hi--;
    let skip = 0;
    while (lo + skip < hi && scratch[skip] < 1e-7) skip++;
    let sum = 0;
    for (let k = skip; k <= hi - lo; k++) sum += scratch[k];
    first[i] = lo + skip;
    count[i] = hi - lo - skip + 1;
    for (let k = 0; k < count[i]; k++) weights[i * maxTaps + k] = sum > 0 ? scratch[skip + k] / sum : 1 / count[i];
    minIndex = Math.min(minIndex, first[i]);
    maxIndex = Math.max(maxIndex, first[i] + count[i] - 1);
  }
  return { first, count, weights, maxTaps, minIndex, maxIndex };
}

export interface ResampleOptions {
  filter?: ResampleFilter;
  /** The part of the source to map onto the output, px (may be fractional, may extend past the edges). Default: all. */
  region?: Rect;
}

/**
 * Resamples `source` to outWidth × outHeight without copying it: each source row in the region is read once
 * (when rows are requested in order), filtered horizontally into a small cache of (vertical taps + 1) rows,
 * and output rows are blended from that cache. Extra memory: O((taps + 2) · width · channels) floats.
 */
export function createRowResampler(source: RowSource, outWidth: number, outHeight: number, options: ResampleOptions = {}): RowResampler {
  const filter = options.filter ?? 'auto';
  const region = options.region ?? { x: 0, y: 0, width: source.width, height: source.height };
  const tapsX = computeResampleTaps(source.width, region.x, region.width, outWidth, filter);
  const tapsY = computeResampleTaps(source.height, region.y, region.height, outHeight, filter);
  const channels = source.channels;
  const sourceRow = new Float32Array((tapsX.maxIndex - tapsX.minIndex + 1) * channels);
  const slotCount = tapsY.maxTaps + 1;
  const cache: Float32Array[] = [];
  for (let s = 0; s < slotCount; s++) cache.push(new Float32Array(outWidth * channels));
  const cachedRow = new Int32Array(slotCount).fill(-1);

  const filterHorizontally = (src: Float32Array, dst: Float32Array): void => {
    const { first, count, weights, maxTaps, minIndex } = tapsX;
    for (let x = 0; x < outWidth; x++) {
      const n = count[x];
      const base = (first[x] - minIndex) * channels;
      const w = x * maxTaps;
      const o = x * channels;
      if (n === 1) {
        for (let c = 0; c < channels; c++) dst[o + c] = src[base + c];
      } else if (n === 2) {
        const w0 = weights[w];
        const w1 = weights[w + 1];
        for (let c = 0; c < channels; c++) dst[o + c] = w0 * src[base + c] + w1 * src[base + channels + c];
      } else {
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let k = 0; k < n; k++) sum += weights[w + k] * src[base + k * channels + c];
          dst[o + c] = sum;
        }
      }
    }
  };

  const loadRow = (y: number): Float32Array => {
    const slot = y % slotCount;
    const row = cache[slot];
    if (cachedRow[slot] !== y) {
      source.readRow(y, tapsX.minIndex, tapsX.maxIndex + 1, sourceRow);
      filterHorizontally(sourceRow, row);
      cachedRow[slot] = y;
    }
    return row;
  };

  const length = outWidth * channels;
  return {
    width: outWidth,
    height: outHeight,
    channels,
    readRow(y: number, out: Float32Array): void {
      const y0 = tapsY.first[y];
      const n = tapsY.count[y];
      const w = y * tapsY.maxTaps;
      if (n === 1) {
        out.set(loadRow(y0).subarray(0, length));
        return;
      }
      if (n === 2) {
        const r0 = loadRow(y0);
        const r1 = loadRow(y0 + 1);
        const w0 = tapsY.weights[w];
        const w1 = tapsY.weights[w + 1];
        for (let i = 0; i < length; i++) out[i] = w0 * r0[i] + w1 * r1[i];
        return;
      }
      out.fill(0, 0, length);
      for (let k = 0; k < n; k++) {
        const row = loadRow(y0 + k);
        const wk = tapsY.weights[w + k];
        for (let i = 0; i < length; i++) out[i] += wk * row[i];
      }
    },
  };
}
