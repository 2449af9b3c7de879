// Perceptual colour difference: 8-bit sRGB → linear → XYZ (D65) → CIELAB, and CIEDE2000 ΔE between Lab colours.

/** A CIELAB colour: L* 0..100, a* and b* roughly −128..127 for sRGB colours. */
export type Lab = [number, number, number];

/** sRGB-encoded 0..255 → linear light 0..1 (IEC 61966-2-1), one entry per 8-bit level. */
export const srgbToLinearLut: Float64Array = (() => {
  const lut = new Float64Array(256);
  for (let v = 0; v < 256; v++) {
    const c = v / 255;
    lut[v] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
  return lut;
})();

// Linear sRGB → XYZ, D65 (IEC 61966-2-1 / Lindbloom). The reference white is taken as the matrix's row
// sums (≈ 0.95047, 1, 1.08883), so sRGB white maps to exactly L* 100, a* 0, b* 0 and every grey to a* = b* = 0.
/** Row-major linear sRGB → XYZ matrix (color-transfer.ts inverts it for Lab → sRGB). */
export const srgbToXyz = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041] as const;
const [m00, m01, m02, m10, m11, m12, m20, m21, m22] = srgbToXyz;

/** Linear luminance Y (0..1) of an 8-bit sRGB colour. */
export function computeSrgbLuminance(r: number, g: number, b: number): number {
  return m10 * srgbToLinearLut[r] + m11 * srgbToLinearLut[g] + m12 * srgbToLinearLut[b];
}
/** The reference white (row sums of `srgbToXyz`). */
export const whiteXyz = [m00 + m01 + m02, m10 + m11 + m12, m20 + m21 + m22] as const;
const [whiteX, whiteY, whiteZ] = whiteXyz;

export const labEpsilon = 216 / 24389; // (6/29)³
export const labKappa = 24389 / 27; // (29/3)³

/** The CIELAB companding function f(t). */
export function computeLabF(t: number): number {
  return t > labEpsilon ? Math.cbrt(t) : (labKappa * t + 16) / 116;
}

/** Writes the CIELAB colour (D65) of a linear-light RGB colour (each 0..1, not clamped) into `out[offset..offset+2]`. */
export function writeLinearRgbAsLab(r: number, g: number, b: number, out: Float64Array | number[], offset = 0): void {
  const fx = computeLabF((m00 * r + m01 * g + m02 * b) / whiteX);
  const fy = computeLabF((m10 * r + m11 * g + m12 * b) / whiteY);
  const fz = computeLabF((m20 * r + m21 * g + m22 * b) / whiteZ);
  out[offset] = 116 * fy - 16;
  out[offset + 1] = 500 * (fx - fy);
  out[offset + 2] = 200 * (fy - fz);
}

/**
 * Writes the CIELAB colour of an 8-bit sRGB colour (each 0..255) into `out[offset..offset+2]` (L*, a*, b*).
 * Allocation-free, for per-pixel loops.
 */
export function writeSrgbAsLab(r: number, g: number, b: number, out: Float64Array | number[], offset = 0): void {
  writeLinearRgbAsLab(srgbToLinearLut[r], srgbToLinearLut[g], srgbToLinearLut[b], out, offset);
}

/** The CIELAB colour (D65) of an 8-bit sRGB colour (each channel an integer 0..255). */
export function convertSrgbToLab(r: number, g: number, b: number): Lab {
  const out: Lab = [0, 0, 0];
  writeSrgbAsLab(r, g, b, out);
  return out;
}

const degrees = 180 / Math.PI;
const radians = Math.PI / 180;
const pow25To7 = 6103515625; // 25⁷

/**
 * CIEDE2000 colour difference (≥ 0; about 1 is a just-noticeable difference, 2.3 is the usual JND quoted) between
 * two Lab colours given as six numbers, with parametric factors kL = kC = kH = 1. Follows Sharma, Wu & Dalal
 * (2005), "The CIEDE2000 Color-Difference Formula: Implementation Notes…", including its hue-mean rules.
 */
export function computeDeltaE00Components(l1: number, a1: number, b1: number, l2: number, a2: number, b2: number): number {
  const c1 = Math.sqrt(a1 * a1 + b1 * b1);
  const c2 = Math.sqrt(a2 * a2 + b2 * b2);
  const cMean = (c1 + c2) / 2;
  const cMean7 = Math.pow(cMean, 7);
  const g = 0.5 * (1 - Math.sqrt(cMean7 / (cMean7 + pow25To7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.sqrt(a1p * a1p + b1 * b1);
  const c2p = Math.sqrt(a2p * a2p + b2 * b2);
  const h1p = computeHueDegrees(a1p, b1);
  const h2p = computeHueDegrees(a2p, b2);

  const deltaLp = l2 - l1;
  const deltaCp = c2p - c1p;
  const chromaProduct = c1p * c2p;
  let deltahp = 0;
  if (chromaProduct !== 0) {
    deltahp = h2p - h1p;
    if (deltahp > 180) deltahp -= 360;
    else if (deltahp < -180) deltahp += 360;
  }
  const deltaHp = 2 * Math.sqrt(chromaProduct) * Math.sin((deltahp / 2) * radians);

  const lMeanP = (l1 + l2) / 2;
  const cMeanP = (c1p + c2p) / 2;
  let hMeanP: number;
  if (chromaProduct === 0) hMeanP = h1p + h2p;
  else if (Math.abs(h1p - h2p) <= 180) hMeanP = (h1p + h2p) / 2;
  else if (h1p + h2p < 360) hMeanP = (h1p + h2p + 360) / 2;
  else hMeanP = (h1p + h2p - 360) / 2;

  const t =
    1 -
    0.17 * Math.cos((hMeanP - 30) * radians) +
    0.24 * Math.cos(2 * hMeanP * radians) +
    0.32 * Math.cos((3 * hMeanP + 6) * radians) -
    0.2 * Math.cos((4 * hMeanP - 63) * radians);
  const deltaTheta = 30 * Math.exp(-(((hMeanP - 275) / 25) ** 2));
  const cMeanP7 = Math.pow(cMeanP, 7);
  const rc = 2 * Math.sqrt(cMeanP7 / (cMeanP7 + pow25To7));
  const lOffset = (lMeanP - 50) ** 2;
  const sl = 1 + (0.015 * lOffset) / Math.sqrt(20 + lOffset);
  const sc = 1 + 0.045 * cMeanP;
  const sh = 1 + 0.015 * cMeanP * t;
  const rt = -Math.sin(2 * deltaTheta * radians) * rc;

  const termL = deltaLp / sl;
  const termC = deltaCp / sc;
  const termH = deltaHp / sh;
  return Math.sqrt(Math.max(0, termL * termL + termC * termC + termH * termH + rt * termC * termH));
}

/** CIELAB hue angle in degrees, 0..360; 0 for a neutral colour (a = b = 0), as CIEDE2000 requires. */
export function computeHueDegrees(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  const h = Math.atan2(b, a) * degrees;
  return h < 0 ? h + 360 : h;
}

/** CIEDE2000 ΔE (≥ 0) between two Lab colours; see `computeDeltaE00Components`. */
export function computeDeltaE00(lab1: Readonly<Lab>, lab2: Readonly<Lab>): number {
  return computeDeltaE00Components(lab1[0], lab1[1], lab1[2], lab2[0], lab2[1], lab2[2]);
}

/** CIEDE2000 ΔE (≥ 0) between two 8-bit sRGB colours (each channel an integer 0..255). */
export function computeSrgbDeltaE00(rgb1: readonly [number, number, number], rgb2: readonly [number, number, number]): number {
  return computeDeltaE00(convertSrgbToLab(rgb1[0], rgb1[1], rgb1[2]), convertSrgbToLab(rgb2[0], rgb2[1], rgb2[2]));
}
