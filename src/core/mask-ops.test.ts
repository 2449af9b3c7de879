import { describe, expect, it } from 'vitest';
import { discMask } from '../../tests/support/images';
import { createMask } from './image';
import { computeMaskBoundingBox, computeMaskIoU, countMaskPixels, thresholdMask } from './mask-ops';

describe('computeMaskBoundingBox', () => {
  it('returns null for an empty mask', () => {
    expect(computeMaskBoundingBox(createMask(8, 8))).toBeNull();
  });

  it('bounds the pixels above the threshold', () => {
    const mask = createMask(10, 8);
    mask.data[2 * 10 + 3] = 200;
    mask.data[5 * 10 + 7] = 128;
    mask.data[6 * 10 + 9] = 127; // not above 127
    expect(computeMaskBoundingBox(mask)).toEqual({ x: 3, y: 2, width: 5, height: 4 });
    expect(computeMaskBoundingBox(mask, 0)).toEqual({ x: 3, y: 2, width: 7, height: 5 });
  });

  it('bounds a centred disc symmetrically', () => {
    const box = computeMaskBoundingBox(discMask(32, 32, { outerRadius: 0.5, innerRadius: 0 }));
    expect(box).not.toBeNull();
    expect(box!.x).toBe(32 - box!.x - box!.width);
    expect(box!.width).toBe(16);
  });
});

describe('countMaskPixels and thresholdMask', () => {
  it('count and binarise at the same threshold', () => {
    const mask = discMask(24);
    const binary = thresholdMask(mask, 100);
    expect(countMaskPixels(binary, 0)).toBe(countMaskPixels(mask, 100));
    expect(new Set(binary.data)).toEqual(new Set([0, 255]));
  });
});

describe('computeMaskIoU', () => {
  it('is 1 for equal masks, 0 for disjoint, 1 for two empty ones', () => {
    const a = createMask(4, 1);
    const b = createMask(4, 1);
    expect(computeMaskIoU(a, b)).toBe(1);
    a.data.set([255, 255, 0, 0]);
    b.data.set([0, 0, 255, 255]);
    expect(computeMaskIoU(a, b)).toBe(0);
    b.data.set([0, 255, 255, 0]);
    expect(computeMaskIoU(a, b)).toBeCloseTo(1 / 3, 10);
    expect(computeMaskIoU(a, a)).toBe(1);
  });

  it('refuses masks of different sizes', () => {
    expect(() => computeMaskIoU(createMask(4, 4), createMask(4, 5))).toThrow(RangeError);
  });
});
