import { describe, expect, it } from 'vitest';
import { checker, discMask, gradient, noise } from '../../tests/support/images';
import { createFloatPlane } from './float-plane';
import { countMaskPixels } from './mask-ops';
import { mapNearestSourceIndices, resizeImage, resizeMask, resizePlane } from './resize';

function computeMean(data: ArrayLike<number>, stride: number, channel: number): number {
  let sum = 0;
  let count = 0;
  for (let i = channel; i < data.length; i += stride, count++) sum += data[i];
  return sum / count;
}

describe('resizeImage', () => {
  it('is the identity at the same size', () => {
    const image = noise(7, 17, 11);
    expect(resizeImage(image, 17, 11).data).toEqual(image.data);
  });

  it('crops a sub-rectangle exactly when its size matches the output', () => {
    const image = noise(3, 32, 32);
    const crop = resizeImage(image, 10, 6, { region: { x: 5, y: 9, width: 10, height: 6 } });
    for (let y = 0; y < 6; y++) {
      for (let x = 0; x < 10; x++) {
        for (let c = 0; c < 4; c++) expect(crop.data[(y * 10 + x) * 4 + c]).toBe(image.data[((y + 9) * 32 + x + 5) * 4 + c]);
      }
    }
  });

  it('anti-aliases a 1 px checker to flat grey when shrinking (area), where point sampling would alias', () => {
    const image = checker(64, 64, 1);
    const area = resizeImage(image, 16, 16);
    for (let i = 0; i < area.data.length; i += 4) expect(Math.abs(area.data[i] - 127.5)).toBeLessThanOrEqual(1);
    const bilinear = resizeImage(image, 13, 13, { filter: 'bilinear' });
    let spread = 0;
    for (let i = 0; i < bilinear.data.length; i += 4) spread = Math.max(spread, Math.abs(bilinear.data[i] - 127.5));
    expect(spread).toBeGreaterThan(20);
  });

  it('keeps the mean of noise within 0.5 when shrinking by a fractional factor', () => {
    const image = noise(11, 60, 45);
    const small = resizeImage(image, 23, 17);
    for (let c = 0; c < 3; c++) expect(Math.abs(computeMean(small.data, 4, c) - computeMean(image.data, 4, c))).toBeLessThan(0.5);
  });

  it('enlarges a ramp monotonically and keeps its ends (bilinear)', () => {
    const image = gradient(8, 2, [0, 0, 0], [255, 255, 255]);
    const big = resizeImage(image, 40, 4);
    for (let x = 1; x < 40; x++) expect(big.data[x * 4]).toBeGreaterThanOrEqual(big.data[(x - 1) * 4]);
    expect(big.data[0]).toBe(0);
    expect(big.data[39 * 4]).toBe(255);
  });
});

describe('resizeMask and resizePlane', () => {
  it('keeps a disc area within 3 % when shrinking a mask 4× (area)', () => {
    const mask = discMask(64, 64, { outerRadius: 0.8, innerRadius: 0.3 });
    const small = resizeMask(mask, 16, 16);
    let sumBig = 0;
    let sumSmall = 0;
    for (const v of mask.data) sumBig += v;
    for (const v of small.data) sumSmall += v;
    expect(Math.abs(sumSmall * 16 - sumBig) / sumBig).toBeLessThan(0.03);
    expect(countMaskPixels(small)).toBeGreaterThan(0);
  });

  it('keeps a constant 3-channel plane constant at any size', () => {
    const plane = createFloatPlane(5, 4, 3);
    for (let i = 0; i < plane.data.length; i += 3) plane.data.set([0.1, -2, 7], i);
    for (const [w, h] of [
      [2, 2],
      [13, 9],
    ]) {
      const out = resizePlane(plane, w, h);
      expect(out.channels).toBe(3);
      for (let i = 0; i < out.data.length; i += 3) {
        expect(out.data[i]).toBeCloseTo(0.1, 5);
        expect(out.data[i + 1]).toBeCloseTo(-2, 5);
        expect(out.data[i + 2]).toBeCloseTo(7, 5);
      }
    }
  });
});

describe('mapNearestSourceIndices', () => {
  it('maps each cell to the source cell under its centre, down and up', () => {
    expect(Array.from(mapNearestSourceIndices(4, 8))).toEqual([1, 3, 5, 7]);
    expect(Array.from(mapNearestSourceIndices(4, 2))).toEqual([0, 0, 1, 1]);
    expect(Array.from(mapNearestSourceIndices(3, 3))).toEqual([0, 1, 2]);
  });
});
