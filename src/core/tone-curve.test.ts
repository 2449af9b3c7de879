import { describe, expect, it } from 'vitest';
import { gradient, solid } from '../../tests/support/patterns';
import { convertSrgbToLab } from './color-difference';
import { convertLightnessToLuminance, convertLuminanceToLightness } from './color-transfer';
import { createMask } from './image';
import { applyLuminanceCurveInPlace, buildContrastCurve, buildExposureCurve, buildPieceToneCurve, measurePieceLightness } from './tone-curve';

const lightnessOf = (curve: (y: number) => number, l: number) => convertLuminanceToLightness(curve(convertLightnessToLuminance(l)));

describe('measurePieceLightness', () => {
  it('reads the median and 95th percentile of the masked pixels only', () => {
    const image = gradient(100, 4, [0, 0, 0], [255, 255, 255]);
    const mask = createMask(100, 4);
    for (let y = 0; y < 4; y++) mask.data.fill(255, y * 100, y * 100 + 50); // the darker half
    const measured = measurePieceLightness(image, mask)!;
    const lOf = (v: number) => convertSrgbToLab(v, v, v)[0];
    expect(measured.p95L).toBeGreaterThan(lOf(115));
    expect(measured.p95L).toBeLessThan(lOf(125));
    expect(measured.medianL).toBeGreaterThan(lOf(58));
    expect(measured.medianL).toBeLessThan(lOf(68));
    expect(measurePieceLightness(image, createMask(100, 4))).toBeNull();
  });
});

describe('exposure curve', () => {
  it('brings the highlights to the target, keeps black and white, and rolls off into white without clipping', () => {
    const curve = buildExposureCurve(70, 96);
    expect(lightnessOf(curve, 70)).toBeCloseTo(96, 1);
    expect(curve(0)).toBe(0);
    expect(curve(1)).toBeCloseTo(1, 12);
    expect(curve(0.9)).toBeLessThan(1);
    let last = -1;
    for (let y = 0; y <= 1; y += 0.001) {
      const v = curve(y);
      expect(v).toBeGreaterThan(last);
      last = v;
    }
  });

  it('keeps a dark stone dark: only the gain of the highlights reaches the mid-tones', () => {
    const curve = buildExposureCurve(90, 96);
    expect(lightnessOf(curve, 20)).toBeLessThan(26);
  });

  it('limits darkening of blown highlights and brightening of very dark pieces', () => {
    expect(lightnessOf(buildExposureCurve(99.8, 96), 99.8)).toBeCloseTo(97.3, 1);
    expect(lightnessOf(buildExposureCurve(30, 96), 30)).toBeLessThan(58);
    expect(lightnessOf(buildExposureCurve(92, 85), 92)).toBeCloseTo(85, 1);
  });

  it('is the identity at strength 0 and halfway in stops at 0.5', () => {
    expect(buildExposureCurve(80, 96, 0)(0.3)).toBe(0.3);
    const half = buildExposureCurve(80, 90, 0.5);
    const full = buildExposureCurve(80, 90, 1);
    expect(half(0.1) / 0.1).toBeCloseTo(Math.sqrt(full(0.1) / 0.1), 6);
  });
});

describe('contrast and the piece curve', () => {
  it('keeps 0, the pivot and 100, and steepens around the pivot', () => {
    const curve = buildContrastCurve(50, 1.3);
    expect(lightnessOf(curve, 50)).toBeCloseTo(50, 6);
    expect(lightnessOf(curve, 40)).toBeLessThan(40);
    expect(lightnessOf(curve, 60)).toBeGreaterThan(60);
    expect(curve(1)).toBeCloseTo(1, 9);
    expect(buildContrastCurve(50, 1)(0.4)).toBe(0.4);
  });

  it('still lands the highlights on the target with contrast', () => {
    const curve = buildPieceToneCurve({ medianL: 55, p95L: 82, count: 1000 }, { highlightL: 96, contrast: 1.2, strength: 1 });
    expect(lightnessOf(curve, 82)).toBeCloseTo(96, 0);
  });
});

describe('applyLuminanceCurveInPlace', () => {
  it('keeps greys grey and a colour its hue while brightening', () => {
    const image = solid(4, 4, [100, 100, 100]);
    image.data.set([150, 110, 40, 255], 0);
    const before = convertSrgbToLab(150, 110, 40);
    applyLuminanceCurveInPlace(image, (y) => Math.min(1, 1.5 * y));
    const grey = Array.from(image.data.subarray(4, 7));
    expect(grey[0]).toBe(grey[1]);
    expect(grey[1]).toBe(grey[2]);
    expect(grey[0]).toBeGreaterThan(100);
    const after = convertSrgbToLab(image.data[0], image.data[1], image.data[2]);
    expect(after[0]).toBeGreaterThan(before[0] + 5);
    const hue = (lab: number[]) => (Math.atan2(lab[2], lab[1]) * 180) / Math.PI;
    expect(Math.abs(hue(after) - hue(before))).toBeLessThan(2);
    expect(image.data[3]).toBe(255);
  });

  it('desaturates a colour pushed past white towards white instead of clipping its hue', () => {
    const image = solid(1, 1, [240, 200, 60]);
    applyLuminanceCurveInPlace(image, (y) => Math.min(1, 1.3 * y));
    expect(image.data[0]).toBe(255);
    expect(image.data[1]).toBeGreaterThan(220);
    expect(image.data[1]).toBeLessThan(255);
    expect(image.data[2]).toBeGreaterThan(60);
    expect(image.data[1]).toBeGreaterThan(image.data[2]);
  });

  it('leaves no gaps in the highlights of a smooth ramp (no posterisation)', () => {
    const image = gradient(256, 1, [128, 128, 128], [255, 255, 255]);
    applyLuminanceCurveInPlace(image, buildExposureCurve(85, 96));
    for (let x = 1; x < 256; x++) {
      const step = image.data[x * 4] - image.data[(x - 1) * 4];
      expect(step).toBeGreaterThanOrEqual(0);
      expect(step).toBeLessThanOrEqual(2);
    }
  });

  it('scales chroma by the saturation factor', () => {
    const image = solid(1, 1, [180, 120, 100]);
    const before = convertSrgbToLab(180, 120, 100);
    applyLuminanceCurveInPlace(image, (y) => y, 0);
    const after = convertSrgbToLab(image.data[0], image.data[1], image.data[2]);
    expect(Math.hypot(after[1], after[2])).toBeLessThan(1);
    expect(after[0]).toBeCloseTo(before[0], 0);
  });
});
