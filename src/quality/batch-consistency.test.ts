import { describe, expect, it } from 'vitest';
import { convertSrgbToLab } from '../core/color-difference';
import { createImage, createMask, type Mask, type RgbaImage } from '../core/image';
import { measureBatchConsistency, measurePieceStatistics, type PieceStatistics } from './batch-consistency';

function rectMask(width: number, height: number, x: number, y: number, w: number, h: number): Mask {
  const mask = createMask(width, height);
  for (let row = y; row < y + h; row++) mask.data.fill(255, row * width + x, row * width + x + w);
  return mask;
}

/** Paints rows y0..y1−1 of `image` with `rgb`. */
function paintRows(image: RgbaImage, y0: number, y1: number, rgb: readonly [number, number, number]): void {
  for (let i = y0 * image.width; i < y1 * image.width; i++) image.data.set(rgb, i * 4);
}

describe('measurePieceStatistics', () => {
  it('measures a solid mid-grey piece: L* 53.585 (sRGB 128), no cast', () => {
    const image = createImage(20, 20, [128, 128, 128, 255]);
    paintRows(image, 0, 5, [255, 0, 0]); // outside the mask: must not count
    const stats = measurePieceStatistics(image, rectMask(20, 20, 5, 5, 10, 10))!;
    expect(stats.medianL).toBeCloseTo(53.585, 3);
    expect(stats.p95L).toBeCloseTo(stats.medianL, 12);
    expect(Math.abs(stats.meanA)).toBeLessThan(1e-9);
    expect(Math.abs(stats.meanB)).toBeLessThan(1e-9);
    expect(stats.pixelCount).toBe(100);
    expect(stats.fillPct).toBeCloseTo(50, 10);
  });

  it('takes median and p95 by rank and averages the cast', () => {
    // 10×10 piece: 6 rows of dark grey, 4 rows of a warm light colour.
    const image = createImage(10, 10);
    paintRows(image, 0, 6, [60, 60, 60]);
    paintRows(image, 6, 10, [240, 200, 150]);
    const stats = measurePieceStatistics(image, createMask(10, 10, 255))!;
    const dark = convertSrgbToLab(60, 60, 60);
    const warm = convertSrgbToLab(240, 200, 150);
    expect(stats.medianL).toBeCloseTo(dark[0], 10);
    expect(stats.p95L).toBeCloseTo(warm[0], 10);
    expect(stats.meanA).toBeCloseTo(0.4 * warm[1], 10);
    expect(stats.meanB).toBeCloseTo(0.4 * warm[2], 10);
    expect(stats.fillPct).toBeCloseTo(100, 10);
  });

  it('reads the median within 0.01 L* on a ramp of many greys', () => {
    const image = createImage(256, 1);
    for (let v = 0; v < 256; v++) image.data.set([v, v, v, 255], v * 4);
    const stats = measurePieceStatistics(image, createMask(256, 1, 255))!;
    // 256 values: nearest-rank median is the 128th smallest, sRGB 127; p95 is the 244th, sRGB 243.
    expect(Math.abs(stats.medianL - convertSrgbToLab(127, 127, 127)[0])).toBeLessThan(0.01);
    expect(Math.abs(stats.p95L - convertSrgbToLab(243, 243, 243)[0])).toBeLessThan(0.01);
  });

  it('samples every step-th pixel of every step-th row, the fill still the whole mask', () => {
    // Columns alternate two greys: a step of 2 sees only the even columns' grey.
    const image = createImage(64, 64);
    for (let i = 0; i < 64 * 64; i++) image.data.set((i % 64) % 2 === 0 ? [90, 90, 90, 255] : [200, 200, 200, 255], i * 4);
    const mask = createMask(64, 64, 0);
    for (let y = 8; y < 56; y++) mask.data.fill(255, y * 64 + 8, y * 64 + 56);
    const sampled = measurePieceStatistics(image, mask, 127, 2)!;
    expect(sampled.pixelCount).toBe(24 * 24);
    expect(Math.abs(sampled.p95L - convertSrgbToLab(90, 90, 90)[0])).toBeLessThan(0.01);
    expect(sampled.fillPct).toBeCloseTo(75, 10);
    // The metal's cast is read from the same sample: neutral grey.
    expect(Math.abs(sampled.metalB)).toBeLessThan(0.05);
    expect(() => measurePieceStatistics(image, mask, 127, 0)).toThrow(RangeError);
  });

  it("reads the metal's cast from the less saturated half, not from a coloured stone", () => {
    // 10×10 piece: 6 rows of slightly warm silver, 4 rows of a strong blue stone.
    const image = createImage(10, 10);
    paintRows(image, 0, 6, [200, 198, 190]);
    paintRows(image, 6, 10, [40, 60, 200]);
    const stats = measurePieceStatistics(image, createMask(10, 10, 255))!;
    const silver = convertSrgbToLab(200, 198, 190);
    expect(Math.abs(stats.metalB - silver[2])).toBeLessThanOrEqual(0.025);
    expect(stats.meanB).toBeLessThan(-15);
  });

  it('is null for an empty mask and rejects a mask of another size', () => {
    const image = createImage(4, 4, [0, 0, 0, 255]);
    expect(measurePieceStatistics(image, createMask(4, 4, 127))).toBeNull();
    expect(() => measurePieceStatistics(image, createMask(3, 4))).toThrow(RangeError);
  });
});

describe('measureBatchConsistency', () => {
  const base = { p95L: 90, metalB: 0, pixelCount: 1 };

  it('reports population standard deviations of median and highlight L*, cast and fill', () => {
    const stats: PieceStatistics[] = [
      { ...base, medianL: 50, meanA: 3, meanB: 4, fillPct: 80, p95L: 88 },
      { ...base, medianL: 60, meanA: -3, meanB: -4, fillPct: 90, p95L: 92 },
    ];
    expect(measureBatchConsistency(stats)).toEqual({
      imageCount: 2,
      medianLStd: 5,
      p95LStd: 2,
      meanAStd: 3,
      meanBStd: 4,
      castChromaStd: 0, // both casts have chroma 5
      fillPctStd: 5,
    });
  });

  it('is 0 for identical pieces, uses only known fills, and handles an empty batch', () => {
    const one: PieceStatistics = { ...base, medianL: 70, meanA: 1, meanB: -2 };
    const result = measureBatchConsistency([one, one, { ...one, fillPct: 85 }]);
    expect(result).toEqual({ imageCount: 3, medianLStd: 0, p95LStd: 0, meanAStd: 0, meanBStd: 0, castChromaStd: 0, fillPctStd: 0 });
    expect(measureBatchConsistency([one]).fillPctStd).toBeNull();
    expect(measureBatchConsistency([])).toEqual({ imageCount: 0, medianLStd: 0, p95LStd: 0, meanAStd: 0, meanBStd: 0, castChromaStd: 0, fillPctStd: null });
  });

  it('measures chroma spread separately from the a*/b* spread', () => {
    const stats: PieceStatistics[] = [
      { ...base, medianL: 50, meanA: 0, meanB: 2 },
      { ...base, medianL: 50, meanA: 0, meanB: 6 },
    ];
    const result = measureBatchConsistency(stats);
    expect(result.meanBStd).toBe(2);
    expect(result.castChromaStd).toBe(2);
    expect(result.meanAStd).toBe(0);
  });
});
