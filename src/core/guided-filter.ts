// Edge-aware mask upsampling: the fast guided filter (He & Sun 2015) with a colour or luma guide, streamed by rows.
//
// Memory for a W×H photo and a working size w×h (by default the model mask's long side, e.g. 1024×768): the guide
// (3 channels), the mask (1), the coefficients (4) and the backdrop statistics (5) as w×h Float32 planes,
// 52 bytes per working pixel (41 MB at 1024×768) whatever the photo's size, plus a few rows of buffers and the
// W×H Uint8 output. The photo is read through a resampler, never copied; no full-size float plane exists.
import { computeBackdropStatistics, defaultBackdropTestOptions, measureBackdropKeep } from './background-test';
import { filterBoxMeanPlaneInPlace, filterBoxMeanRows } from './box-filter';
import { lumaWeights } from './color';
import { createFloatPlane, type FloatPlane } from './float-plane';
import { createMask, type Mask, type RgbaImage } from './image';
import { createRowResampler, type RowSource } from './resample-rows';
import { createImageRowSource, createMaskRowSource, createPlaneRowSource } from './row-sources';

export interface GuidedUpsampleOptions {
  /** Window radius at the working resolution, px (windows are (2r+1)²). */
  radiusPx: number;
  /** Regularisation ε, in squared guide units (guide 0..1): larger follows the low-res mask, smaller the photo. */
  epsilon: number;
  /**
   * Long side of the resolution where the coefficients are fitted, px, never larger than the photo; or
   * 'match-mask' for the low-resolution mask's long side. Fitting where the guide is as soft as the mask
   * measured best: a sharper guide than mask shrinks the fitted slope and thin chains come out faint.
   */
  workLongSidePx: number | 'match-mask';
  /** Box blur of the working guide before fitting, px at the working resolution (match the model mask's softness). */
  guideBlurPx: number;
  /** In thin parts (chains, prongs) drawn fatter by the model, drop pixels whose colour matches the local backdrop. */
  backdropTest: boolean;
  /** 'rgb' fits a 3×3 colour model per window (separates metal from a backdrop of equal brightness); 'luma' is ~2× faster. */
  guide: 'rgb' | 'luma';
  /** 0..1: filtered alpha at or below this becomes exactly 0. */
  snapLow: number;
  /** 0..1: filtered alpha at or above this becomes exactly 1 (255); values between are stretched linearly. */
  snapHigh: number;
}

export const defaultGuidedUpsampleOptions: GuidedUpsampleOptions = {
  radiusPx: 8,
  epsilon: 1e-4,
  workLongSidePx: 'match-mask',
  guideBlurPx: 0,
  backdropTest: true,
  guide: 'rgb',
  snapLow: 0.15,
  snapHigh: 0.85,
};

/** Called between blocks of rows with the fraction done (0..1); may throw to abort. */
export type RowCheckpoint = (fraction: number) => void;

/** Rows between checkpoint calls in the full-resolution pass. */
const checkpointRows = 64;

/**
 * Upsamples a low-resolution mask (any size, stretched over the whole photo; 0..255) to the photo's size
 * with edges that follow the photo: q = a·I + b, where a (3 values) and b are fitted per window at the
 * working resolution between the guide I (the photo, 0..1) and the mask, averaged, then upsampled
 * bilinearly and applied to the full-resolution photo row by row. With `backdropTest`, thin parts also
 * lose the pixels that look like the local backdrop. Returns alpha 0..255 with the `snapLow` / `snapHigh`
 * ends made exactly 0 / 255.
 */
export function upsampleMaskGuided(
  image: RgbaImage,
  lowResMask: Mask,
  options: Partial<GuidedUpsampleOptions> = {},
  checkpoint: RowCheckpoint = () => {},
): Mask {
  const settings = { ...defaultGuidedUpsampleOptions, ...options };
  const { width, height } = image;
  const workLongSidePx = settings.workLongSidePx === 'match-mask' ? Math.max(lowResMask.width, lowResMask.height) : settings.workLongSidePx;
  const reduction = Math.min(1, workLongSidePx / Math.max(width, height));
  const workWidth = Math.max(1, Math.round(width * reduction));
  const workHeight = Math.max(1, Math.round(height * reduction));

  // Working planes: guide (3 channels, 0..1) and mask (1 channel, 0..1).
  const guide = resizeToPlane(createImageRowSource(image, 3), workWidth, workHeight, 1 / 255);
  const target = resizeToPlane(createMaskRowSource(lowResMask), workWidth, workHeight, 1 / 255);
  checkpoint(0.15);
  const backdrop = settings.backdropTest ? computeBackdropStatistics(guide, target) : null;
  if (settings.guideBlurPx > 0) filterBoxMeanPlaneInPlace(guide, settings.guideBlurPx);
  const coefficients = fitGuidedCoefficients(guide, target, settings, (f) => checkpoint(0.2 + 0.3 * f));
  filterBoxMeanPlaneInPlace(coefficients, settings.radiusPx);
  checkpoint(0.5);

  // Full resolution: q = ar·R + ag·G + ab·B + b with bilinear a, b; the backdrop test in thin parts; then snap.
  const alpha = createMask(width, height);
  const coefficientRows = createRowResampler(createPlaneRowSource(coefficients), width, height, { filter: 'bilinear' });
  const backdropRows = backdrop ? createRowResampler(createPlaneRowSource(backdrop), width, height, { filter: 'bilinear' }) : null;
  const zoneRows = backdrop ? findRowsWithThinZone(backdrop) : null;
  const row = new Float32Array(width * 4);
  const backdropRow = new Float32Array(width * 5);
  const backdropSettings = defaultBackdropTestOptions;
  const low = settings.snapLow;
  const stretch = 1 / Math.max(1e-6, settings.snapHigh - settings.snapLow);
  const inv255 = 1 / 255;
  const data = image.data;
  const out = alpha.data;
  for (let y = 0; y < height; y++) {
    if (y % checkpointRows === 0) checkpoint(0.5 + (0.5 * y) / height);
    coefficientRows.readRow(y, row);
    // The bilinear taps of full-res row y are working rows floor(c) and floor(c) + 1, c = (y + 0.5)·h/H − 0.5.
    const workRow = Math.max(0, Math.floor(((y + 0.5) * workHeight) / height - 0.5));
    const hasZone = zoneRows !== null && (zoneRows[workRow] === 1 || zoneRows[Math.min(workHeight - 1, workRow + 1)] === 1);
    if (hasZone) backdropRows?.readRow(y, backdropRow);
    let i = y * width * 4;
    let p = y * width;
    for (let x = 0; x < width; x++, i += 4, p++) {
      const o = x * 4;
      const r = data[i] * inv255;
      const g = data[i + 1] * inv255;
      const b = data[i + 2] * inv255;
      let v = (row[o] * r + row[o + 1] * g + row[o + 2] * b + row[o + 3] - low) * stretch;
      if (v <= 0) {
        out[p] = 0;
        continue;
      }
      if (hasZone) {
        const z = backdropRow[x * 5 + 4];
        const variance = backdropRow[x * 5 + 3];
        if (z > 0 && variance > 0) {
          const o5 = x * 5;
          const keep = measureBackdropKeep(r, g, b, backdropRow[o5], backdropRow[o5 + 1], backdropRow[o5 + 2], variance, backdropSettings);
          v *= 1 - z * (1 - keep);
        }
      }
      out[p] = v >= 1 ? 255 : Math.round(v * 255);
    }
  }
  checkpoint(1);
  return alpha;
}

/** 1 for each working row where some pixel is in the thin zone (so full-res rows elsewhere skip the test). */
function findRowsWithThinZone(backdrop: FloatPlane): Uint8Array {
  const rows = new Uint8Array(backdrop.height);
  const { width, data } = backdrop;
  for (let y = 0; y < backdrop.height; y++) {
    for (let x = 0, k = y * width * 5 + 4; x < width; x++, k += 5) {
      if (data[k] > 0) {
        rows[y] = 1;
        break;
      }
    }
  }
  return rows;
}

/**
 * Fits the per-window linear model mask ≈ a·I + b on the working planes (guide 3 channels 0..1, mask 1 channel
 * 0..1) and returns a plane with 4 channels (a_r, a_g, a_b, b) per pixel. Luma guides store a·(luma weights).
 */
function fitGuidedCoefficients(guide: FloatPlane, target: FloatPlane, settings: GuidedUpsampleOptions, checkpoint: RowCheckpoint): FloatPlane {
  const { width: workWidth, height: workHeight } = target;
  const g = guide.data;
  const t = target.data;
  const coefficients = createFloatPlane(workWidth, workHeight, 4);
  const c = coefficients.data;
  const eps = settings.epsilon;
  const progress = (y: number): void => {
    if (y % checkpointRows === 0) checkpoint(y / workHeight);
  };

  if (settings.guide === 'luma') {
    const [wr, wg, wb] = lumaWeights;
    // Statistics per pixel: I, p, I², I·p.
    filterBoxMeanRows(
      workWidth,
      workHeight,
      4,
      settings.radiusPx,
      (y, out) => {
        for (let x = 0, k = y * workWidth; x < workWidth; x++, k++) {
          const luma = wr * g[k * 3] + wg * g[k * 3 + 1] + wb * g[k * 3 + 2];
          const p = t[k];
          const o = x * 4;
          out[o] = luma;
          out[o + 1] = p;
          out[o + 2] = luma * luma;
          out[o + 3] = luma * p;
        }
      },
      (y, m) => {
        progress(y);
        let o = y * workWidth * 4;
        for (let x = 0; x < workWidth; x++, o += 4) {
          const s = x * 4;
          const meanI = m[s];
          const meanP = m[s + 1];
          const variance = m[s + 2] - meanI * meanI;
          const a = (m[s + 3] - meanI * meanP) / (variance + eps);
          c[o] = a * wr;
          c[o + 1] = a * wg;
          c[o + 2] = a * wb;
          c[o + 3] = meanP - a * meanI;
        }
      },
    );
    return coefficients;
  }

  // Colour guide. Statistics per pixel (13): r, g, b, p, rr, rg, rb, gg, gb, bb, rp, gp, bp.
  filterBoxMeanRows(
    workWidth,
    workHeight,
    13,
    settings.radiusPx,
    (y, out) => {
      for (let x = 0, k = y * workWidth; x < workWidth; x++, k++) {
        const r = g[k * 3];
        const gr = g[k * 3 + 1];
        const b = g[k * 3 + 2];
        const p = t[k];
        const o = x * 13;
        out[o] = r;
        out[o + 1] = gr;
        out[o + 2] = b;
        out[o + 3] = p;
        out[o + 4] = r * r;
        out[o + 5] = r * gr;
        out[o + 6] = r * b;
        out[o + 7] = gr * gr;
        out[o + 8] = gr * b;
        out[o + 9] = b * b;
        out[o + 10] = r * p;
        out[o + 11] = gr * p;
        out[o + 12] = b * p;
      }
    },
    (y, m) => {
      progress(y);
      let o = y * workWidth * 4;
      for (let x = 0; x < workWidth; x++, o += 4) {
        const s = x * 13;
        const mr = m[s];
        const mg = m[s + 1];
        const mb = m[s + 2];
        const mp = m[s + 3];
        // Covariance of the guide (+ ε on the diagonal) and covariance of guide and mask.
        const srr = m[s + 4] - mr * mr + eps;
        const srg = m[s + 5] - mr * mg;
        const srb = m[s + 6] - mr * mb;
        const sgg = m[s + 7] - mg * mg + eps;
        const sgb = m[s + 8] - mg * mb;
        const sbb = m[s + 9] - mb * mb + eps;
        const cr = m[s + 10] - mr * mp;
        const cg = m[s + 11] - mg * mp;
        const cb = m[s + 12] - mb * mp;
        // Solve the symmetric 3×3 system by cofactors.
        const i00 = sgg * sbb - sgb * sgb;
        const i01 = srb * sgb - srg * sbb;
        const i02 = srg * sgb - srb * sgg;
        const i11 = srr * sbb - srb * srb;
        const i12 = srb * srg - srr * sgb;
        const i22 = srr * sgg - srg * srg;
        const inv = 1 / (srr * i00 + srg * i01 + srb * i02);
        const ar = (i00 * cr + i01 * cg + i02 * cb) * inv;
        const ag = (i01 * cr + i11 * cg + i12 * cb) * inv;
        const ab = (i02 * cr + i12 * cg + i22 * cb) * inv;
        c[o] = ar;
        c[o + 1] = ag;
        c[o + 2] = ab;
        c[o + 3] = mp - ar * mr - ag * mg - ab * mb;
      }
    },
  );
  return coefficients;
}

/** Resamples a row source (area when shrinking) into a new plane, values multiplied by `scale`. */
function resizeToPlane(source: RowSource, width: number, height: number, scale: number): FloatPlane {
  const plane = createFloatPlane(width, height, source.channels);
  const rows = createRowResampler(source, width, height, { filter: 'auto' });
  const row = new Float32Array(width * source.channels);
  for (let y = 0; y < height; y++) {
    rows.readRow(y, row);
    const offset = y * row.length;
    for (let i = 0; i < row.length; i++) plane.data[offset + i] = row[i] * scale;
  }
  return plane;
}
