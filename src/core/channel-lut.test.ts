import { describe, expect, it } from 'vitest';
import { solid } from '../../tests/support/patterns';
import { applyChannelLutsInPlace, buildEncodedCurveLut, buildLinearCurveLut, isIdentityLut } from './channel-lut';

describe('channel lookup tables', () => {
  it('builds the identity from an identity curve, in either domain', () => {
    expect(isIdentityLut(buildLinearCurveLut((x) => x))).toBe(true);
    expect(isIdentityLut(buildEncodedCurveLut((v) => v))).toBe(true);
    expect(isIdentityLut(buildEncodedCurveLut((v) => v + 1))).toBe(false);
  });

  it('doubles linear light on a mid grey (8-bit 128 → about 175) and clamps at white', () => {
    const lut = buildLinearCurveLut((x) => 2 * x);
    expect(lut[128]).toBeGreaterThanOrEqual(174);
    expect(lut[128]).toBeLessThanOrEqual(176);
    expect(lut[255]).toBe(255);
    expect(lut[0]).toBe(0);
  });

  it('maps each channel through its own table, keeps alpha, and reports progress to 1', () => {
    const image = solid(8, 600, [10, 20, 30], 77);
    const fractions: number[] = [];
    const add = (k: number) => buildEncodedCurveLut((v) => v + k);
    applyChannelLutsInPlace(image, [add(1), add(2), add(3)], (f) => fractions.push(f));
    expect(Array.from(image.data.subarray(0, 4))).toEqual([11, 22, 33, 77]);
    expect(Array.from(image.data.subarray(image.data.length - 4))).toEqual([11, 22, 33, 77]);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBe(3);
  });
});
