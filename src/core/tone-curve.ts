// Piece-driven tone: lightness percentiles of the piece, an exposure curve with a soft shoulder and a contrast S-curve on luminance, applied hue-preservingly.
import { srgbToLinearLut, writeSrgbAsLab } from './color-difference';
import { convertLightnessToLuminance, convertLuminanceToLightness, encodeLinearToSrgb } from './color-transfer';
import type { Mask, RgbaImage } from './image';

/** L* percentiles of the piece. */
export interface PieceLightness {
  /** Median L*, 0..100. */
  medianL: number;
  /** 95th percentile L* (the metal's highlights), 0..100. */
  p95L: number;
  /** Pixels sampled. */
  count: number;
}

/** L* (0..100) of the piece's pixels (mask > `threshold`) at its median and 95th percentile, on a subsample; null when nothing is masked. */
export function measurePieceLightness(image: RgbaImage, mask: Mask, maxSamples = 400_000, threshold = 127): PieceLightness | null {
  const { width, height, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`measurePieceLightness: mask is ${mask.width}×${mask.height}, image is ${width}×${height}`);
  }
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / Math.max(1, maxSamples))));
  const bins = 1001; // 0.1 L* per bin
  const counts = new Uint32Array(bins);
  const lab = new Float64Array(3);
  let count = 0;
  for (let y = step >> 1; y < height; y += step) {
    for (let x = step >> 1; x < width; x += step) {
      const i = y * width + x;
      if (mask.data[i] <= threshold) continue;
      const p = i * 4;
      writeSrgbAsLab(data[p], data[p + 1], data[p + 2], lab);
      counts[Math.min(bins - 1, Math.max(0, Math.round(lab[0] * 10)))]++;
      count++;
    }
  }
  if (count === 0) return null;
  const readRank = (fraction: number): number => {
    const rank = Math.ceil(fraction * count);
    let seen = 0;
    for (let bin = 0; bin < bins; bin++) {
      seen += counts[bin];
      if (seen >= rank) return bin / 10;
    }
    return 100;
  };
  return { medianL: readRank(0.5), p95L: readRank(0.95), count };
}

export interface ExposureOptions {
  /** Largest brightening gain on linear light (4 = +2 stops). */
  maxGain: number;
  /** Largest darkening, in L* at the piece's 95th percentile, of highlights that are blown (p95 ≥ 99.5; none below 97): they should stay near white. */
  maxDarkenL: number;
  /** Where the shoulder starts, as a fraction of the target highlight luminance: above it, brightened values roll off smoothly into white instead of clipping. */
  shoulderStart: number;
}

export const defaultExposureOptions: ExposureOptions = { maxGain: 4, maxDarkenL: 2.5, shoulderStart: 0.75 };

/** A curve on linear luminance 0..1 → 0..1 (monotone). */
export type LuminanceCurve = (luminance: number) => number;

/**
 * The brightened value `x` (0..`top`) rolled off into 0..1: unchanged up to `knee`, then a power curve that
 * leaves the knee with slope 1 and reaches exactly 1 at `top` (so white stays white), monotone and smooth.
 * With `top` ≤ 1 there is nothing to roll off.
 */
function applyShoulder(x: number, knee: number, top: number): number {
  if (x <= knee || top <= 1) return Math.min(x, 1);
  const t = Math.min(1, (x - knee) / (top - knee));
  const exponent = (top - knee) / (1 - knee);
  return knee + (1 - knee) * (1 - Math.pow(1 - t, exponent));
}

/**
 * The exposure curve that brings the piece's 95th-percentile L* from `p95L` to `targetL`: a gain on linear
 * light (the camera's exposure), with a soft shoulder so that what lies above the target rolls off into white
 * (white stays white, nothing clips). Dark parts keep their relation to the highlights (a dark stone stays
 * dark: its median is not forced). Brightening is limited to `maxGain`; darkening (a plain gain) of blown
 * highlights to `maxDarkenL`. `strength` 0..1 scales the gain in stops.
 */
export function buildExposureCurve(p95L: number, targetL: number, strength = 1, options: ExposureOptions = defaultExposureOptions): LuminanceCurve {
  const from = convertLightnessToLuminance(Math.min(100, Math.max(1, p95L)));
  if (strength <= 0 || Math.abs(targetL - p95L) < 0.05) return (y) => y;
  if (targetL < p95L) {
    // Blown highlights (p95 near 100) would turn into flat grey patches: those are darkened by maxDarkenL at most.
    const blown = Math.min(1, Math.max(0, (p95L - 97) / 2.5));
    const lowest = convertLightnessToLuminance(Math.max(targetL, p95L - options.maxDarkenL - (1 - blown) * 100));
    const gain = Math.pow(lowest / from, strength);
    return (y) => y * gain;
  }
  const to = convertLightnessToLuminance(Math.min(99.5, targetL));
  const knee = Math.min(to * options.shoulderStart, 0.9);
  const lift = (gain: number) => applyShoulder(gain * from, knee, gain);
  // Solve lift(gain) = to (monotone in the gain: bisection on log gain).
  let low = 0;
  let high = Math.log(options.maxGain);
  if (lift(Math.exp(high)) <= to) low = high;
  else {
    for (let k = 0; k < 50; k++) {
      const mid = (low + high) / 2;
      if (lift(Math.exp(mid)) < to) low = mid;
      else high = mid;
    }
  }
  const gain = Math.exp(low * strength);
  return (y) => applyShoulder(gain * y, knee, gain);
}

/**
 * A contrast S-curve on L*, pivoting at `pivotL`: slope `contrast` at the pivot, 0 and 100 fixed, monotone
 * and smooth (power segments either side). `contrast` 1 is the identity.
 */
export function buildContrastCurve(pivotL: number, contrast: number): LuminanceCurve {
  if (Math.abs(contrast - 1) < 1e-3) return (y) => y;
  const pivot = Math.min(0.9, Math.max(0.1, pivotL / 100));
  return (y) => {
    const x = convertLuminanceToLightness(y) / 100;
    let out: number;
    if (x <= 0) out = 0;
    else if (x >= 1) out = 1;
    else if (x < pivot) out = pivot * Math.pow(x / pivot, contrast);
    else out = 1 - (1 - pivot) * Math.pow((1 - x) / (1 - pivot), contrast);
    return convertLightnessToLuminance(out * 100);
  };
}

/** What drives the piece's tone curve. */
export interface PieceToneTarget {
  /** The look's target for the piece's 95th-percentile L*. */
  highlightL: number;
  /** The look's contrast around the piece's mid-tones (1 keeps it). */
  contrast: number;
  /** 0..1: how much of the way to the look to go. */
  strength: number;
}

/**
 * The piece's whole tone curve: exposure (highlights to the target L*) then contrast pivoting on the piece's
 * median after exposure. The exposure aims at the contrast curve's pre-image of the target, so the highlights
 * still land on it after the contrast.
 */
export function buildPieceToneCurve(lightness: PieceLightness, target: PieceToneTarget, options: ExposureOptions = defaultExposureOptions): LuminanceCurve {
  const strength = Math.min(1, Math.max(0, target.strength));
  const firstExposure = buildExposureCurve(lightness.p95L, target.highlightL, strength, options);
  const pivotL = convertLuminanceToLightness(firstExposure(convertLightnessToLuminance(lightness.medianL)));
  const contrast = buildContrastCurve(pivotL, 1 + strength * (target.contrast - 1));
  // L* whose image under the contrast curve is the target (bisection: the curve is monotone).
  let low = 0;
  let high = 100;
  for (let k = 0; k < 40; k++) {
    const mid = (low + high) / 2;
    if (convertLuminanceToLightness(contrast(convertLightnessToLuminance(mid))) < target.highlightL) low = mid;
    else high = mid;
  }
  const aimL = (low + high) / 2;
  const exposure = buildExposureCurve(lightness.p95L, aimL, strength, options);
  return (y) => contrast(exposure(y));
}

/** 8-bit sRGB level → linear light in 16-bit fixed point (0..65535). */
const linear16Lut: Uint16Array = (() => {
  const lut = new Uint16Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.round(srgbToLinearLut[v] * 65535);
  return lut;
})();

/** Linear light in 16-bit fixed point → 8-bit sRGB level. */
const encode16Lut: Uint8Array = (() => {
  const lut = new Uint8Array(65536);
  for (let k = 0; k < 65536; k++) lut[k] = Math.round(encodeLinearToSrgb(k / 65535));
  return lut;
})();

// Luminance weights in 16-bit fixed point (sum 65536).
const weightR = 13938;
const weightG = 46868;
const weightB = 65536 - weightR - weightG;
/** Fixed-point scale of the luminance ratio table. */
const ratioShift = 12;
const ratioOne = 1 << ratioShift;

/**
 * Applies a luminance curve and a saturation factor to every pixel, in place, keeping hue: each pixel's
 * linear RGB is scaled by curve(Y)/Y, its chroma (distance from the grey of the same luminance) by
 * `saturation`, and a colour pushed past white is desaturated towards its grey just enough to fit (so
 * highlights roll off to white instead of clipping to a different hue). Fixed-point integer arithmetic on
 * the common path. `onRows(fraction)` every 256 rows.
 */
export function applyLuminanceCurveInPlace(
  image: RgbaImage,
  curve: LuminanceCurve,
  saturation = 1,
  onRows?: (fraction: number) => void,
): void {
  // curve(Y)/Y on a grid of 16384 luminance steps, in fixed point.
  const steps = 16384;
  const ratio = new Int32Array(steps + 1);
  for (let k = 0; k <= steps; k++) {
    const y = Math.max(k, 0.5) / steps;
    // Capped so that a 16-bit value times the ratio stays below 2³¹ (a gain of 8 at most).
    ratio[k] = Math.min(8 * ratioOne - 1, Math.round((curve(y) / y) * ratioOne));
  }
  const isPlain = Math.abs(saturation - 1) < 1e-6;
  const { width, height, data } = image;
  const rowLength = width * 4;
  for (let y0 = 0; y0 < height; y0 += 256) {
    const end = Math.min(height, y0 + 256) * rowLength;
    for (let p = y0 * rowLength; p < end; p += 4) {
      const r = linear16Lut[data[p]];
      const g = linear16Lut[data[p + 1]];
      const b = linear16Lut[data[p + 2]];
      const luminance = (weightR * r + weightG * g + weightB * b) >>> 16; // 0..65535
      const scale = ratio[luminance >>> 2];
      let outR = (r * scale) >>> ratioShift;
      let outG = (g * scale) >>> ratioShift;
      let outB = (b * scale) >>> ratioShift;
      if (isPlain && outR <= 65535 && outG <= 65535 && outB <= 65535) {
        data[p] = encode16Lut[outR];
        data[p + 1] = encode16Lut[outG];
        data[p + 2] = encode16Lut[outB];
        continue;
      }
      // Saturation and gamut: the float path.
      const grey = (luminance * scale) / ratioOne;
      let fr = grey + (outR - grey) * saturation;
      let fg = grey + (outG - grey) * saturation;
      let fb = grey + (outB - grey) * saturation;
      const top = fr > fg ? (fr > fb ? fr : fb) : fg > fb ? fg : fb;
      if (top > 65535) {
        if (grey >= 65535) {
          fr = fg = fb = 65535;
        } else {
          const fit = (65535 - grey) / (top - grey);
          fr = grey + (fr - grey) * fit;
          fg = grey + (fg - grey) * fit;
          fb = grey + (fb - grey) * fit;
        }
      }
      outR = fr <= 0 ? 0 : fr >= 65535 ? 65535 : Math.round(fr);
      outG = fg <= 0 ? 0 : fg >= 65535 ? 65535 : Math.round(fg);
      outB = fb <= 0 ? 0 : fb >= 65535 ? 65535 : Math.round(fb);
      data[p] = encode16Lut[outR];
      data[p + 1] = encode16Lut[outG];
      data[p + 2] = encode16Lut[outB];
    }
    onRows?.(Math.min(height, y0 + 256) / height);
  }
}
