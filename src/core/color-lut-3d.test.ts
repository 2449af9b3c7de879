import { describe, expect, it } from 'vitest';
import { noise } from '../../tests/support/patterns';
import { applyColorLut3dInPlace, buildColorLut3d } from './color-lut-3d';
import { createMask } from './image';

describe('3D colour lookup table', () => {
  it('reproduces every colour through an identity table (trilinear is exact on a linear map)', () => {
    const image = noise(3, 32, 32, 128, 127);
    const before = new Uint8ClampedArray(image.data);
    const lut = buildColorLut3d((r, g, b, out) => {
      out[0] = r;
      out[1] = g;
      out[2] = b;
    }, 17);
    applyColorLut3dInPlace(image, lut, createMask(32, 32, 255));
    for (let i = 0; i < before.length; i++) expect(Math.abs(image.data[i] - before[i])).toBeLessThanOrEqual(1);
  });

  it('acts only under the mask, blended by its alpha and the strength', () => {
    const image = noise(4, 16, 16, 128, 60);
    const before = new Uint8ClampedArray(image.data);
    const mask = createMask(16, 16);
    mask.data.fill(255, 0, 64);
    mask.data.fill(128, 64, 128);
    const swap = buildColorLut3d((r, g, b, out) => {
      out[0] = b;
      out[1] = g;
      out[2] = r;
    });
    applyColorLut3dInPlace(image, swap, mask, 1);
    // Fully masked: channels swapped; half-masked: half-way; unmasked: untouched; alpha kept everywhere.
    expect(Math.abs(image.data[0] - before[2])).toBeLessThanOrEqual(1);
    const p = 64 * 4;
    expect(Math.abs(image.data[p] - (before[p] + (before[p + 2] - before[p]) * (128 / 255)))).toBeLessThanOrEqual(1.5);
    for (let i = 128 * 4; i < before.length; i++) expect(image.data[i]).toBe(before[i]);
    for (let i = 3; i < before.length; i += 4) expect(image.data[i]).toBe(before[i]);
    const again = noise(4, 16, 16, 128, 60);
    applyColorLut3dInPlace(again, swap, mask, 0);
    expect(again.data).toEqual(before);
  });
});
