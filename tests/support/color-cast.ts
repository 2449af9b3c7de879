// Colour casts for tests: tint a generated photo as a light source would, and compare pieces in CIELAB (ΔE00, hue).
import { computeDeltaE00Components, writeSrgbAsLab } from '../../src/core/color-difference';
import type { Mask, RgbaImage } from '../../src/core/image';

/** Per-channel gains on 8-bit sRGB values, as a camera left with the wrong white balance records. */
export type CastGains = readonly [number, number, number];

/** Tungsten (≈ 3000 K) seen through daylight white balance: red kept, green and blue cut. */
export const tungstenCast: CastGains = [1, 0.86, 0.62];
/** Open shade (≈ 8000 K) under daylight white balance: blue kept, red and green cut. */
export const shadeCast: CastGains = [0.82, 0.92, 1];

/** A copy of `image` with each channel multiplied by its gain (rounded, clamped to 0..255; alpha kept). */
export function applyCast(image: RgbaImage, gains: CastGains): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  for (let p = 0; p < data.length; p += 4) {
    data[p] = image.data[p] * gains[0];
    data[p + 1] = image.data[p + 1] * gains[1];
    data[p + 2] = image.data[p + 2] * gains[2];
  }
  return { width: image.width, height: image.height, data };
}

/** A deep copy, for stages that work in place. */
export function copyImage(image: RgbaImage): RgbaImage {
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
}

export interface PieceComparison {
  /** Mean CIEDE2000 between the two images over the piece's fully covered pixels. */
  meanDeltaE00: number;
}

/** Mean ΔE00 between `a` and `b` over the pixels where `mask` is 255. */
export function comparePieces(a: RgbaImage, b: RgbaImage, mask: Mask): PieceComparison {
  const labA = new Float64Array(3);
  const labB = new Float64Array(3);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] < 255) continue;
    const p = i * 4;
    writeSrgbAsLab(a.data[p], a.data[p + 1], a.data[p + 2], labA);
    writeSrgbAsLab(b.data[p], b.data[p + 1], b.data[p + 2], labB);
    sum += computeDeltaE00Components(labA[0], labA[1], labA[2], labB[0], labB[1], labB[2]);
    count++;
  }
  return { meanDeltaE00: count > 0 ? sum / count : 0 };
}

export interface PieceColor {
  /** Mean a* and b* over the piece's fully covered pixels. */
  meanA: number;
  meanB: number;
  /** Hue angle of that mean colour, degrees −180..180. */
  hueDeg: number;
  /** Its chroma. */
  chroma: number;
}

/** The mean colour of the piece (pixels where `mask` is 255) in CIELAB. */
export function measurePieceColor(image: RgbaImage, mask: Mask): PieceColor {
  const lab = new Float64Array(3);
  let sumA = 0;
  let sumB = 0;
  let count = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (mask.data[i] < 255) continue;
    const p = i * 4;
    writeSrgbAsLab(image.data[p], image.data[p + 1], image.data[p + 2], lab);
    sumA += lab[1];
    sumB += lab[2];
    count++;
  }
  const meanA = count > 0 ? sumA / count : 0;
  const meanB = count > 0 ? sumB / count : 0;
  return { meanA, meanB, hueDeg: (Math.atan2(meanB, meanA) * 180) / Math.PI, chroma: Math.hypot(meanA, meanB) };
}

/** Signed difference of two hue angles in degrees, −180..180. */
export function computeHueDifference(fromDeg: number, toDeg: number): number {
  let d = toDeg - fromDeg;
  while (d > 180) d -= 360;
  while (d < -180) d += 360;
  return d;
}
