import { describe, expect, it } from 'vitest';
import { createMask, type Mask } from '../core/image';
import { computeBoundaryFMeasure, computeDiagonalTolerancePx, measureMaskAccuracy } from './mask-accuracy';

/** A `size`×`size` mask with a filled square of side `sidePx` at (x, y). */
function squareMask(size: number, x: number, y: number, sidePx: number, value = 255): Mask {
  const mask = createMask(size, size);
  for (let row = y; row < y + sidePx; row++) mask.data.fill(value, row * size + x, row * size + x + sidePx);
  return mask;
}

describe('computeBoundaryFMeasure', () => {
  it('scores identical masks 1', () => {
    const mask = squareMask(30, 5, 5, 10);
    expect(computeBoundaryFMeasure(mask, mask, 0)).toEqual({ precision: 1, recall: 1, fMeasure: 1 });
  });

  it('scores a square shifted by 1 px as 1 with tolerance 2 (and 1) px', () => {
    const truth = squareMask(30, 5, 5, 10);
    const shifted = squareMask(30, 6, 5, 10);
    expect(computeBoundaryFMeasure(shifted, truth, 2)).toEqual({ precision: 1, recall: 1, fMeasure: 1 });
    expect(computeBoundaryFMeasure(shifted, truth, 1).fMeasure).toBe(1);
  });

  it('scores the shifted square 0.5 at tolerance 0: only the 2 × 9 shared top and bottom pixels of 36 match', () => {
    const truth = squareMask(30, 5, 5, 10);
    const shifted = squareMask(30, 6, 5, 10);
    const result = computeBoundaryFMeasure(shifted, truth, 0);
    expect(result.precision).toBe(18 / 36);
    expect(result.recall).toBe(18 / 36);
    expect(result.fMeasure).toBeCloseTo(0.5, 12);
  });

  it('scores disjoint masks 0', () => {
    const a = squareMask(40, 2, 2, 8);
    const b = squareMask(40, 25, 25, 8);
    expect(computeBoundaryFMeasure(a, b, 2)).toEqual({ precision: 0, recall: 0, fMeasure: 0 });
  });

  it('separates precision from recall: a small square inside a big one', () => {
    // Inner 4×4 square (boundary 12 px) 3 px inside an outer 10×10 (boundary 36 px): nothing within 2 px.
    const outer = squareMask(20, 5, 5, 10);
    const inner = squareMask(20, 8, 8, 4);
    expect(computeBoundaryFMeasure(inner, outer, 2).fMeasure).toBe(0);
    // Within 3 px: every inner boundary pixel matches (precision 1); of the outer boundary only the 4 middle
    // pixels of each side face an inner boundary pixel at exactly 3 px (recall 16 / 36), so F = 8 / 13.
    const result = computeBoundaryFMeasure(inner, outer, 3);
    expect(result.precision).toBe(1);
    expect(result.recall).toBeCloseTo(16 / 36, 12);
    expect(result.fMeasure).toBeCloseTo(8 / 13, 12);
  });

  it('thresholds the masks, ignores the frame as an edge, and treats two empty masks as a match', () => {
    const soft = squareMask(30, 5, 5, 10, 128);
    const faint = squareMask(30, 5, 5, 10, 127);
    expect(computeBoundaryFMeasure(soft, squareMask(30, 5, 5, 10), 0).fMeasure).toBe(1);
    expect(computeBoundaryFMeasure(faint, createMask(30, 30), 0).fMeasure).toBe(1);
    expect(computeBoundaryFMeasure(createMask(30, 30, 255), createMask(30, 30, 255), 0).fMeasure).toBe(1);
    expect(computeBoundaryFMeasure(squareMask(30, 5, 5, 10), createMask(30, 30), 2)).toEqual({ precision: 0, recall: 0, fMeasure: 0 });
  });

  it('rejects masks of different sizes', () => {
    expect(() => computeBoundaryFMeasure(createMask(4, 4), createMask(5, 4))).toThrow(RangeError);
  });
});

describe('measureMaskAccuracy', () => {
  it('bundles IoU from core with the boundary F-measure', () => {
    const truth = squareMask(30, 5, 5, 10);
    const shifted = squareMask(30, 6, 5, 10);
    const result = measureMaskAccuracy(shifted, truth, { tolerancePx: 2 });
    // 9 × 10 shared columns over 11 × 10 covered.
    expect(result.iou).toBeCloseTo(90 / 110, 12);
    expect(result.fMeasure).toBe(1);
  });
});

describe('computeDiagonalTolerancePx', () => {
  it('is 0.75 % of the diagonal, at least 1 px', () => {
    expect(computeDiagonalTolerancePx(2000, 2000)).toBe(21);
    expect(computeDiagonalTolerancePx(16, 16)).toBe(1);
  });
});
