import { describe, expect, it } from 'vitest';
import { computeBackdropStatistics, defaultBackdropTestOptions, measureBackdropKeep } from './background-test';
import { createFloatPlane } from './float-plane';

/** A 40×30 grey-blue backdrop with a 16 px square piece on the left and a 1 px line drawn 3 px wide in the mask. */
function buildPlanes() {
  const guide = createFloatPlane(40, 30, 3);
  const mask = createFloatPlane(40, 30, 1);
  for (let y = 0; y < 30; y++) {
    for (let x = 0; x < 40; x++) {
      const k = y * 40 + x;
      guide.data.set([0.7, 0.75, 0.8], k * 3);
      if (x >= 2 && x < 18 && y >= 7 && y < 23) {
        guide.data.set([0.85, 0.7, 0.3], k * 3);
        mask.data[k] = 1;
      }
      if (x === 30) guide.data.set([0.85, 0.7, 0.3], k * 3);
      if (x >= 29 && x <= 31) mask.data[k] = 1;
    }
  }
  return { guide, mask };
}

describe('computeBackdropStatistics', () => {
  it('estimates the backdrop colour and marks the thin line, not the square interior, as thin', () => {
    const { guide, mask } = buildPlanes();
    const stats = computeBackdropStatistics(guide, mask);
    const at = (x: number, y: number, c: number): number => stats.data[(y * 40 + x) * 5 + c];
    expect(at(30, 15, 0)).toBeCloseTo(0.7, 3);
    expect(at(30, 15, 2)).toBeCloseTo(0.8, 3);
    expect(at(30, 15, 4)).toBe(1);
    expect(at(10, 15, 4)).toBe(0);
    expect(at(24, 15, 4)).toBe(0); // between the two, outside both
  });
});

describe('measureBackdropKeep', () => {
  const settings = defaultBackdropTestOptions;
  const variance = 3 * 0.02 * 0.02;
  it('drops the backdrop colour and its shadow, keeps a gold colour', () => {
    expect(measureBackdropKeep(0.7, 0.75, 0.8, 0.7, 0.75, 0.8, variance, settings)).toBe(0);
    expect(measureBackdropKeep(0.49, 0.525, 0.56, 0.7, 0.75, 0.8, variance, settings)).toBe(0);
    expect(measureBackdropKeep(0.85, 0.7, 0.3, 0.7, 0.75, 0.8, variance, settings)).toBe(1);
  });

  it('keeps a much darker grey than the shadow floor allows', () => {
    expect(measureBackdropKeep(0.2, 0.21, 0.23, 0.7, 0.75, 0.8, variance, settings)).toBe(1);
  });
});
