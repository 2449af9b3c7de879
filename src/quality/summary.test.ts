import { describe, expect, it } from 'vitest';
import { qualityFigures, summarizeQuality, type ImageQuality } from './summary';

describe('summarizeQuality', () => {
  it('gives median, mean, min and max of each figure over the images that have it', () => {
    const list: ImageQuality[] = [
      { name: 'a.jpg', backgroundPurity: 1, fillErrorPoints: -1, maskIoU: 0.9 },
      { name: 'b.jpg', backgroundPurity: 0.5, fillErrorPoints: 3 },
      { name: 'c.jpg', backgroundPurity: 0.8, fillErrorPoints: 1, maskIoU: 0.7 },
      { name: 'd.jpg', backgroundPurity: 0.9, fillErrorPoints: Number.NaN },
    ];
    const summary = summarizeQuality(list);
    expect(summary.imageCount).toBe(4);
    expect(summary.figures.backgroundPurity).toEqual({ count: 4, median: expect.closeTo(0.85, 12), mean: expect.closeTo(0.8, 12), min: 0.5, max: 1 });
    expect(summary.figures.fillErrorPoints).toEqual({ count: 3, median: 1, mean: 1, min: -1, max: 3 });
    expect(summary.figures.maskIoU!.median).toBeCloseTo(0.8, 12);
    expect(summary.figures.haloDeltaE00).toBeNull();
  });

  it('lists every figure once, and summarises an empty batch as all null', () => {
    expect(new Set(qualityFigures).size).toBe(qualityFigures.length);
    expect(qualityFigures[0]).toBe('maskIoU');
    const summary = summarizeQuality([]);
    expect(summary.imageCount).toBe(0);
    expect(Object.keys(summary.figures)).toEqual([...qualityFigures]);
    expect(Object.values(summary.figures).every((f) => f === null)).toBe(true);
  });
});
