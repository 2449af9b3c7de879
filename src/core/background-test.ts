// The background-colour test for thin parts: where a chain or prong is thinner than the model mask drawn around it, pixels that look like the local backdrop are not piece.
import { filterBoxMeanRows } from './box-filter';
import { createFloatPlane, type FloatPlane } from './float-plane';

export interface BackdropTestOptions {
  /** Radius of the window that estimates the local backdrop colour and its spread, px at the working resolution. */
  backdropRadiusPx: number;
  /** Parts of the mask narrower than 2·thinRadiusPx + 1 px (working resolution) count as thin. */
  thinRadiusPx: number;
  /** Mask value (0..1) below which a pixel is sure backdrop, for the colour estimate. */
  backdropBelow: number;
  /** Colour distance, in backdrop standard deviations, at or below which a pixel is backdrop (alpha → 0). */
  matchSigmas: number;
  /** Colour distance, in standard deviations, at or above which a pixel keeps its alpha. */
  keepSigmas: number;
  /** 0..1: a pixel darker than the backdrop down to this fraction of its brightness, same hue, counts as its shadow. */
  shadowFloor: number;
  /** Floor for the backdrop's standard deviation per channel, guide units (0..1), for flat backdrops. */
  minSigma: number;
}

export const defaultBackdropTestOptions: BackdropTestOptions = {
  backdropRadiusPx: 12,
  thinRadiusPx: 3,
  backdropBelow: 0.05,
  matchSigmas: 2,
  keepSigmas: 4,
  shadowFloor: 0.6,
  minSigma: 0.015,
};

/**
 * For each pixel of the working resolution: the local backdrop colour (mean of sure-backdrop pixels within
 * `backdropRadiusPx`; guide units 0..1), its variance summed over channels (−1 where no backdrop is in reach),
 * and the thin zone 0..1 (1 on and around parts of the mask thinner than the structuring square, found by a
 * morphological opening with box windows). `guide` has 3 channels 0..1, `mask` 1 channel 0..1, same size.
 * Returns a 5-channel plane (20 bytes per working pixel); other extra memory is a few rows and one Uint8 plane.
 */
export function computeBackdropStatistics(guide: FloatPlane, mask: FloatPlane, options: Partial<BackdropTestOptions> = {}): FloatPlane {
  const settings = { ...defaultBackdropTestOptions, ...options };
  const { width, height } = mask;
  const g = guide.data;
  const m = mask.data;
  const stats = createFloatPlane(width, height, 5);
  const s = stats.data;
  const minVariance = 3 * settings.minSigma * settings.minSigma;

  filterBoxMeanRows(
    width,
    height,
    5,
    settings.backdropRadiusPx,
    (y, out) => {
      for (let x = 0, k = y * width; x < width; x++, k++) {
        const w = m[k] < settings.backdropBelow ? 1 : 0;
        const r = g[k * 3];
        const gr = g[k * 3 + 1];
        const b = g[k * 3 + 2];
        const o = x * 5;
        out[o] = w;
        out[o + 1] = w * r;
        out[o + 2] = w * gr;
        out[o + 3] = w * b;
        out[o + 4] = w * (r * r + gr * gr + b * b);
      }
    },
    (y, mean) => {
      for (let x = 0, k = y * width; x < width; x++, k++) {
        const o = x * 5;
        const w = mean[o];
        if (w < 1e-3) {
          s[k * 5 + 3] = -1;
          continue;
        }
        const r = mean[o + 1] / w;
        const gr = mean[o + 2] / w;
        const b = mean[o + 3] / w;
        s[k * 5] = r;
        s[k * 5 + 1] = gr;
        s[k * 5 + 2] = b;
        s[k * 5 + 3] = Math.max(minVariance, mean[o + 4] / w - (r * r + gr * gr + b * b));
      }
    },
  );

  // Opening of the solid mask with a (2t+1)² square: erode (window all solid), then dilate (any eroded in window).
  const t = settings.thinRadiusPx;
  const eroded = new Uint8Array(width * height);
  filterBoxMeanRows(
    width,
    height,
    1,
    t,
    (y, out) => {
      for (let x = 0, k = y * width; x < width; x++, k++) out[x] = m[k] > 0.5 ? 1 : 0;
    },
    (y, mean) => {
      for (let x = 0, k = y * width; x < width; x++, k++) eroded[k] = mean[x] > 0.9999 ? 1 : 0;
    },
  );
  // thin = solid and not opened; the zone spreads it by t so the model's fat band around a chain is covered.
  filterBoxMeanRows(
    width,
    height,
    1,
    t,
    (y, out) => {
      for (let x = 0, k = y * width; x < width; x++, k++) out[x] = eroded[k] & 1;
    },
    (y, opened) => {
      for (let x = 0, k = y * width; x < width; x++, k++) eroded[k] |= m[k] > 0.5 && opened[x] === 0 ? 2 : 0;
    },
  );
  filterBoxMeanRows(
    width,
    height,
    1,
    t,
    (y, out) => {
      for (let x = 0, k = y * width; x < width; x++, k++) out[x] = eroded[k] & 2 ? 1 : 0;
    },
    (y, mean) => {
      for (let x = 0, k = y * width; x < width; x++, k++) s[k * 5 + 4] = Math.min(1, mean[x] * 8);
    },
  );
  return stats;
}

/**
 * How much alpha a pixel keeps (0..1) given its colour (r, g, b; guide units 0..1), the local backdrop colour
 * (br, bg, bb) and the backdrop's variance: 0 within `matchSigmas` standard deviations of the backdrop or of
 * the backdrop darkened (a shadow, down to `shadowFloor` of its brightness), 1 beyond `keepSigmas`.
 */
export function measureBackdropKeep(
  r: number,
  g: number,
  b: number,
  br: number,
  bg: number,
  bb: number,
  variance: number,
  settings: BackdropTestOptions,
): number {
  const backdropSq = br * br + bg * bg + bb * bb;
  const shade = backdropSq > 1e-6 ? Math.min(1, Math.max(settings.shadowFloor, (r * br + g * bg + b * bb) / backdropSq)) : 1;
  const dr = r - shade * br;
  const dg = g - shade * bg;
  const db = b - shade * bb;
  const sigmas = Math.sqrt((dr * dr + dg * dg + db * db) / variance);
  const { matchSigmas, keepSigmas } = settings;
  return sigmas <= matchSigmas ? 0 : sigmas >= keepSigmas ? 1 : (sigmas - matchSigmas) / (keepSigmas - matchSigmas);
}
