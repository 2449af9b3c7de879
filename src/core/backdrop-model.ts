// A smooth model of a photo's backdrop (colour per coarse cell, and how much the backdrop varies), fitted at working resolution from the pixels a mask calls background.
import { createBinaryPlaneWhere, dilateBinary, type BinaryPlane } from './binary-morphology';
import { filterBoxMeanRows } from './box-filter';
import { createFloatPlane, type FloatPlane } from './float-plane';
import { computeLuma } from './color';
import type { Rect } from './geometry';

export interface BackdropModelOptions {
  /** Side of a grid cell, working px. */
  cellPx: number;
  /** Background pixels closer than this to any piece pixel (working mask > 0) are not measured (shadows, edges). */
  guardPx: number;
  /** 0..1: a cell is measured when at least this fraction of its pixels are background. */
  minCoverage: number;
  /** Every this many pixels along each axis are read within a cell (2: a quarter of them; the statistics barely move). */
  sampleStepPx: number;
  /**
   * Radius (working px) of a box blur applied before measuring, so sensor grain and JPEG noise (which depend on the
   * photo's size) weigh little and texture (linen weave, wood grain, paper fibres) is what the deviation reports.
   */
  blurRadiusPx: number;
  /**
   * When set (0..1): a measured cell darker than this fraction of the lightest measured cell within
   * `shadowReachCells` is taken for a shadow and re-filled from its neighbours, so the backdrop seen through the
   * piece is estimated from lit backdrop rather than from the piece's own shadow. Null keeps shadows in the model.
   */
  shadowRatio: number | null;
  shadowReachCells: number;
  /**
   * 0..1: which quantile of a cell's background pixels is its colour, per channel (0.5: the median). Above the
   * median, a cell the piece's shadow partly covers still reads as the lit backdrop.
   */
  colourQuantile: number;
}

export const defaultBackdropModelOptions: BackdropModelOptions = {
  cellPx: 16,
  guardPx: 3,
  minCoverage: 0.25,
  sampleStepPx: 2,
  blurRadiusPx: 1,
  shadowRatio: null,
  shadowReachCells: 4,
  colourQuantile: 0.5,
};

export interface BackdropModel {
  /** The working resolution the model was fitted at. */
  width: number;
  height: number;
  cellPx: number;
  gridWidth: number;
  gridHeight: number;
  /** Backdrop colour per cell (a quantile, by default the median, of its background pixels), sRGB 0..255, 3 channels; unmeasured cells filled from their neighbours. */
  colour: FloatPlane;
  /** Per cell: mean absolute deviation of its background pixels from a plane fitted to them (texture, not slope), levels (0..255 scale); −1 where unmeasured. */
  deviation: Float32Array;
}

/**
 * Fits the backdrop model to `image` (working resolution, 3 channels 0..255, lightly blurred first) where `mask`
 * (same size, 1 channel 0..255, the piece's alpha) is 0 and at least `guardPx` away from the piece. Null when no
 * cell has enough background. Extra memory: one blurred copy of `image` (12 bytes per working pixel).
 */
export function fitBackdropModel(image: FloatPlane, mask: FloatPlane, options: Partial<BackdropModelOptions> = {}): BackdropModel | null {
  const settings = { ...defaultBackdropModelOptions, ...options };
  const { width, height } = mask;
  const cell = settings.cellPx;
  const guard = dilateBinary(
    createBinaryPlaneWhere(width, height, (k) => mask.data[k] >= 1),
    settings.guardPx,
  );
  const gridWidth = Math.ceil(width / cell);
  const gridHeight = Math.ceil(height / cell);
  const blurred = createFloatPlane(width, height, 3);
  filterBoxMeanRows(
    width,
    height,
    3,
    settings.blurRadiusPx,
    (y, row) => {
      for (let i = 0, o = y * width * 3; i < width * 3; i++) row[i] = image.data[o + i];
    },
    (y, mean) => blurred.data.set(mean, y * width * 3),
  );
  const colour = createFloatPlane(gridWidth, gridHeight, 3);
  const deviation = new Float32Array(gridWidth * gridHeight).fill(-1);
  const values = [0, 1, 2].map(() => new Float32Array(cell * cell));
  const xs = new Float32Array(cell * cell);
  const ys = new Float32Array(cell * cell);
  const step = Math.max(1, Math.floor(settings.sampleStepPx));
  let measured = 0;

  for (let gy = 0; gy < gridHeight; gy++) {
    for (let gx = 0; gx < gridWidth; gx++) {
      const x0 = gx * cell;
      const y0 = gy * cell;
      const x1 = Math.min(width, x0 + cell);
      const y1 = Math.min(height, y0 + cell);
      let count = 0;
      let total = 0;
      for (let y = y0; y < y1; y += step) {
        for (let x = x0, k = y * width + x0; x < x1; x += step, k += step) {
          total++;
          if (guard.data[k]) continue;
          values[0][count] = blurred.data[k * 3];
          values[1][count] = blurred.data[k * 3 + 1];
          values[2][count] = blurred.data[k * 3 + 2];
          xs[count] = x - x0;
          ys[count] = y - y0;
          count++;
        }
      }
      const g = gy * gridWidth + gx;
      if (count === 0 || count < settings.minCoverage * total) continue;
      const spread = measurePlaneResidual(values, xs, ys, count);
      const at = Math.min(count - 1, Math.floor(settings.colourQuantile * count));
      for (let c = 0; c < 3; c++) colour.data[g * 3 + c] = values[c].subarray(0, count).sort()[at];
      deviation[g] = spread;
      measured++;
    }
  }
  if (measured === 0) return null;
  if (settings.shadowRatio !== null) {
    const isShadow = findShadowCells(colour, deviation, settings.shadowRatio, settings.shadowReachCells);
    const kept = Float32Array.from(deviation, (d, g) => (isShadow[g] ? -1 : d));
    fillUnmeasuredCellsInPlace(colour, kept);
  } else {
    fillUnmeasuredCellsInPlace(colour, deviation);
  }
  return { width, height, cellPx: cell, gridWidth, gridHeight, colour, deviation };
}

/**
 * Mean absolute residual (over the 3 channels) of `count` samples at (xs, ys) after each channel's least-squares
 * plane a + b·x + c·y is taken away: what varies inside a cell beyond a smooth slope (a shadow's falloff, a
 * vignette), i.e. texture. Must run before the values are sorted.
 */
function measurePlaneResidual(values: Float32Array[], xs: Float32Array, ys: Float32Array, count: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < count; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= count;
  my /= count;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < count; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const determinant = sxx * syy - sxy * sxy;
  let total = 0;
  for (let c = 0; c < 3; c++) {
    const v = values[c];
    let mean = 0;
    for (let i = 0; i < count; i++) mean += v[i];
    mean /= count;
    let sxv = 0;
    let syv = 0;
    for (let i = 0; i < count; i++) {
      sxv += (xs[i] - mx) * (v[i] - mean);
      syv += (ys[i] - my) * (v[i] - mean);
    }
    const slopeX = Math.abs(determinant) > 1e-9 ? (sxv * syy - syv * sxy) / determinant : 0;
    const slopeY = Math.abs(determinant) > 1e-9 ? (syv * sxx - sxv * sxy) / determinant : 0;
    for (let i = 0; i < count; i++) total += Math.abs(v[i] - mean - slopeX * (xs[i] - mx) - slopeY * (ys[i] - my));
  }
  return total / (3 * count);
}

/** Measured cells darker than `ratio` × the lightest measured cell within `reach` cells (Chebyshev). */
function findShadowCells(colour: FloatPlane, deviation: Float32Array, ratio: number, reach: number): Uint8Array {
  const { width, height } = colour;
  const luma = new Float32Array(width * height);
  for (let g = 0; g < luma.length; g++) luma[g] = deviation[g] >= 0 ? computeLuma(colour.data[g * 3], colour.data[g * 3 + 1], colour.data[g * 3 + 2]) : -1;
  const isShadow = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = y * width + x;
      if (luma[g] < 0) continue;
      let lightest = 0;
      for (let ny = Math.max(0, y - reach); ny <= Math.min(height - 1, y + reach); ny++) {
        for (let nx = Math.max(0, x - reach); nx <= Math.min(width - 1, x + reach); nx++) lightest = Math.max(lightest, luma[ny * width + nx]);
      }
      if (luma[g] < ratio * lightest) isShadow[g] = 1;
    }
  }
  return isShadow;
}

/** Gives every unmeasured cell (deviation < 0) the mean colour of its filled neighbours, growing outwards ring by ring. */
function fillUnmeasuredCellsInPlace(colour: FloatPlane, deviation: Float32Array): void {
  const { width, height } = colour;
  const filled = Uint8Array.from(deviation, (d) => (d >= 0 ? 1 : 0));
  let remaining = filled.length - filled.reduce((sum, v) => sum + v, 0);
  const next = new Uint8Array(filled.length);
  while (remaining > 0) {
    next.set(filled);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const g = y * width + x;
        if (filled[g]) continue;
        let n = 0;
        const sum = [0, 0, 0];
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            const ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= width || ny >= height || !filled[ny * width + nx]) continue;
            for (let c = 0; c < 3; c++) sum[c] += colour.data[(ny * width + nx) * 3 + c];
            n++;
          }
        }
        if (n === 0) continue;
        for (let c = 0; c < 3; c++) colour.data[g * 3 + c] = sum[c] / n;
        next[g] = 1;
        remaining--;
      }
    }
    filled.set(next);
  }
}

/**
 * Writes the backdrop colour (sRGB 0..255) at working position (x, y) into `out[0..2]`, interpolated bilinearly
 * between cell centres. Positions are continuous working px: pixel i spans i..i + 1, its centre is i + 0.5.
 */
export function sampleBackdropColour(model: BackdropModel, x: number, y: number, out: Float32Array | number[]): void {
  const { gridWidth, gridHeight, cellPx } = model;
  const gx = Math.min(gridWidth - 1, Math.max(0, x / cellPx - 0.5));
  const gy = Math.min(gridHeight - 1, Math.max(0, y / cellPx - 0.5));
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const x1 = Math.min(gridWidth - 1, x0 + 1);
  const y1 = Math.min(gridHeight - 1, y0 + 1);
  const tx = gx - x0;
  const ty = gy - y0;
  const d = model.colour.data;
  const a = (y0 * gridWidth + x0) * 3;
  const b = (y0 * gridWidth + x1) * 3;
  const c = (y1 * gridWidth + x0) * 3;
  const e = (y1 * gridWidth + x1) * 3;
  for (let ch = 0; ch < 3; ch++) {
    const top = d[a + ch] + (d[b + ch] - d[a + ch]) * tx;
    const bottom = d[c + ch] + (d[e + ch] - d[c + ch]) * tx;
    out[ch] = top + (bottom - top) * ty;
  }
}

/**
 * The backdrop colour at the centre of every working pixel of `region` (default: all), 3 channels 0..255, as a
 * plane of the region's size.
 */
export function renderBackdropField(model: BackdropModel, region: Rect = { x: 0, y: 0, width: model.width, height: model.height }): FloatPlane {
  const { gridWidth, gridHeight, cellPx } = model;
  const { width, height } = region;
  const field = createFloatPlane(width, height, 3);
  const grid = model.colour.data;
  // Per column: the two grid columns and the weight of the second (same bilinear rule as sampleBackdropColour).
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  const towardsRight = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const gx = Math.min(gridWidth - 1, Math.max(0, (region.x + x + 0.5) / cellPx - 0.5));
    left[x] = Math.floor(gx);
    right[x] = Math.min(gridWidth - 1, left[x] + 1);
    towardsRight[x] = gx - left[x];
  }
  const top = new Float32Array(gridWidth * 3);
  const data = field.data;
  for (let y = 0; y < height; y++) {
    const gy = Math.min(gridHeight - 1, Math.max(0, (region.y + y + 0.5) / cellPx - 0.5));
    const y0 = Math.floor(gy);
    const y1 = Math.min(gridHeight - 1, y0 + 1);
    const ty = gy - y0;
    for (let i = 0; i < gridWidth * 3; i++) top[i] = grid[y0 * gridWidth * 3 + i] + (grid[y1 * gridWidth * 3 + i] - grid[y0 * gridWidth * 3 + i]) * ty;
    for (let x = 0, o = y * width * 3; x < width; x++, o += 3) {
      const a = left[x] * 3;
      const b = right[x] * 3;
      const t = towardsRight[x];
      data[o] = top[a] + (top[b] - top[a]) * t;
      data[o + 1] = top[a + 1] + (top[b + 1] - top[a + 1]) * t;
      data[o + 2] = top[a + 2] + (top[b + 2] - top[a + 2]) * t;
    }
  }
  return field;
}

export interface BackdropSummary {
  /** A quantile (default the median) over the measured cells of their deviation, levels: about 0.5 for a plain studio backdrop, 3+ for linen or wood. */
  deviation: number;
  /** Median luma of the measured cells' colour, 0..255. */
  luma: number;
  /** How many measured cells the figures come from. */
  cellCount: number;
}

export interface BackdropSummaryOptions {
  /** 0..1: which quantile of the cells' deviations is reported (0.5: the median). */
  deviationQuantile: number;
  /** When set, cells darker than this fraction of the lit backdrop nearby (the piece's shadow, whose falloff varies) are left out. */
  shadowRatio: number | null;
}

/** Summarises the measured cells whose centre lies in `region` (working resolution), or null if none does. */
export function summarizeBackdrop(model: BackdropModel, region: BinaryPlane, options: Partial<BackdropSummaryOptions> = {}): BackdropSummary | null {
  const { deviationQuantile = 0.5, shadowRatio = null } = options;
  const isShadow = shadowRatio === null ? null : findShadowCells(model.colour, model.deviation, shadowRatio, defaultBackdropModelOptions.shadowReachCells);
  const deviations: number[] = [];
  const lumas: number[] = [];
  for (let gy = 0; gy < model.gridHeight; gy++) {
    for (let gx = 0; gx < model.gridWidth; gx++) {
      const g = gy * model.gridWidth + gx;
      if (model.deviation[g] < 0 || isShadow?.[g]) continue;
      const cx = Math.min(model.width - 1, Math.floor((gx + 0.5) * model.cellPx));
      const cy = Math.min(model.height - 1, Math.floor((gy + 0.5) * model.cellPx));
      if (!region.data[cy * model.width + cx]) continue;
      deviations.push(model.deviation[g]);
      const d = model.colour.data;
      lumas.push(computeLuma(d[g * 3], d[g * 3 + 1], d[g * 3 + 2]));
    }
  }
  if (deviations.length === 0) return null;
  const quantile = (values: number[], q: number): number => {
    values.sort((a, b) => a - b);
    return values[Math.min(values.length - 1, Math.floor(q * values.length))];
  };
  return { deviation: quantile(deviations, deviationQuantile), luma: quantile(lumas, 0.5), cellCount: deviations.length };
}
