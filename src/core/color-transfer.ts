// Colour conversions for building correction tables: linear light ↔ 8-bit sRGB and CIELAB (D65) ↔ float sRGB, on color-difference.ts's matrix.
import { computeLabF, labEpsilon, labKappa, srgbToXyz, whiteXyz, writeLinearRgbAsLab } from './color-difference';
/** Linear light 0..1 → sRGB-encoded 0..255 (float, not rounded; inputs outside 0..1 are clamped). */
export function encodeLinearToSrgb(linear: number): number {
  if (!(linear > 0)) return 0;
  if (linear >= 1) return 255;
  return 255 * (linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055);
}

/** sRGB-encoded 0..255 (any real value, clamped) → linear light 0..1. */
export function decodeSrgbToLinear(encoded: number): number {
  const c = encoded <= 0 ? 0 : encoded >= 255 ? 1 : encoded / 255;
  return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

const [m00, m01, m02, m10, m11, m12, m20, m21, m22] = srgbToXyz;
const [whiteX, whiteY, whiteZ] = whiteXyz;

// The inverse of color-difference.ts's matrix, computed once so that Lab → sRGB → Lab round-trips to float precision.
const inverse = (() => {
  const det = m00 * (m11 * m22 - m12 * m21) - m01 * (m10 * m22 - m12 * m20) + m02 * (m10 * m21 - m11 * m20);
  return [
    (m11 * m22 - m12 * m21) / det,
    (m02 * m21 - m01 * m22) / det,
    (m01 * m12 - m02 * m11) / det,
    (m12 * m20 - m10 * m22) / det,
    (m00 * m22 - m02 * m20) / det,
    (m02 * m10 - m00 * m12) / det,
    (m10 * m21 - m11 * m20) / det,
    (m01 * m20 - m00 * m21) / det,
    (m00 * m11 - m01 * m10) / det,
  ];
})();

function invertLabF(f: number): number {
  const cube = f * f * f;
  return cube > labEpsilon ? cube : (116 * f - 16) / labKappa;
}

/** Writes the CIELAB colour (D65) of a linear-light RGB colour (each 0..1, not clamped) into `out[0..2]` (one conversion for the whole project). */
export { writeLinearRgbAsLab };

/** Writes the linear-light RGB (not clamped: out-of-gamut colours give values outside 0..1) of a CIELAB colour into `out[0..2]`. */
export function writeLabAsLinearRgb(l: number, a: number, b: number, out: Float64Array | number[]): void {
  const fy = (l + 16) / 116;
  const x = invertLabF(fy + a / 500) * whiteX;
  const y = invertLabF(fy) * whiteY;
  const z = invertLabF(fy - b / 200) * whiteZ;
  out[0] = inverse[0] * x + inverse[1] * y + inverse[2] * z;
  out[1] = inverse[3] * x + inverse[4] * y + inverse[5] * z;
  out[2] = inverse[6] * x + inverse[7] * y + inverse[8] * z;
}

/** L* (0..100) of a linear luminance Y (0..1). */
export function convertLuminanceToLightness(luminance: number): number {
  return 116 * computeLabF(luminance) - 16;
}

/** Linear luminance Y (0..1) of an L* (0..100). */
export function convertLightnessToLuminance(lightness: number): number {
  return invertLabF((lightness + 16) / 116);
}
