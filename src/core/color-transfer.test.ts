import { describe, expect, it } from 'vitest';
import { convertSrgbToLab } from './color-difference';
import {
  convertLightnessToLuminance,
  convertLuminanceToLightness,
  decodeSrgbToLinear,
  encodeLinearToSrgb,
  writeLabAsLinearRgb,
  writeLinearRgbAsLab,
} from './color-transfer';

describe('colour transfer', () => {
  it('encodes and decodes sRGB as inverses, and agrees with the 8-bit table', () => {
    for (let v = 0; v < 256; v += 5) {
      expect(encodeLinearToSrgb(decodeSrgbToLinear(v))).toBeCloseTo(v, 6);
    }
    expect(encodeLinearToSrgb(-0.5)).toBe(0);
    expect(encodeLinearToSrgb(2)).toBe(255);
  });

  it('round-trips Lab through linear RGB to float precision, matching color-difference.ts', () => {
    const lab = new Float64Array(3);
    const linear = new Float64Array(3);
    for (const [r, g, b] of [
      [255, 255, 255],
      [0, 0, 0],
      [212, 166, 64],
      [60, 68, 84],
      [218, 148, 128],
    ]) {
      writeLinearRgbAsLab(decodeSrgbToLinear(r), decodeSrgbToLinear(g), decodeSrgbToLinear(b), lab);
      const reference = convertSrgbToLab(r, g, b);
      for (let c = 0; c < 3; c++) expect(lab[c]).toBeCloseTo(reference[c], 9);
      writeLabAsLinearRgb(lab[0], lab[1], lab[2], linear);
      expect(encodeLinearToSrgb(linear[0])).toBeCloseTo(r, 6);
      expect(encodeLinearToSrgb(linear[1])).toBeCloseTo(g, 6);
      expect(encodeLinearToSrgb(linear[2])).toBeCloseTo(b, 6);
    }
  });

  it('converts between L* and luminance both ways', () => {
    for (const l of [0, 5, 8, 20, 50, 96, 100]) expect(convertLuminanceToLightness(convertLightnessToLuminance(l))).toBeCloseTo(l, 9);
    expect(convertLightnessToLuminance(100)).toBeCloseTo(1, 9);
  });
});
