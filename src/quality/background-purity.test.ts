import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Mask, type RgbaImage } from '../core/image';
import { measureBackgroundPurity } from './background-purity';

const white = [255, 255, 255] as const;

function setPixel(image: RgbaImage, x: number, y: number, rgb: readonly [number, number, number]): void {
  const i = (y * image.width + x) * 4;
  image.data[i] = rgb[0];
  image.data[i + 1] = rgb[1];
  image.data[i + 2] = rgb[2];
}

/** A mask of `width`×`height` with the rectangle (x, y, w, h) set to `value`. */
function rectMask(width: number, height: number, x: number, y: number, w: number, h: number, value = 255): Mask {
  const mask = createMask(width, height);
  for (let row = y; row < y + h; row++) mask.data.fill(value, row * width + x, row * width + x + w);
  return mask;
}

/** Ten background pixels, away from the centre square, made off-white. */
const planted: [number, number][] = [[0, 0], [99, 99], [0, 99], [99, 0], [10, 10], [20, 80], [80, 20], [50, 5], [5, 50], [95, 60]];

describe('measureBackgroundPurity', () => {
  it('is (N − 10) / N for a white image with 10 planted off-white background pixels', () => {
    const image = createImage(100, 100, [255, 255, 255, 255]);
    for (const [x, y] of planted) setPixel(image, x, y, [254, 255, 255]);
    const none = measureBackgroundPurity(image, createMask(100, 100), white);
    expect(none).toEqual({ purity: (10000 - 10) / 10000, backgroundPx: 10000, pureBackgroundPx: 9990 });

    // A 20×20 piece at (40, 40) grown by 2 px leaves out 24 × 24 = 576 pixels.
    const piece = rectMask(100, 100, 40, 40, 20, 20);
    const n = 10000 - 24 * 24;
    const result = measureBackgroundPurity(image, piece, white, { excludeMarginPx: 2 });
    expect(result.backgroundPx).toBe(n);
    expect(result.purity).toBe((n - 10) / n);
  });

  it('ignores off-white pixels inside the piece, its margin and the exclusion mask', () => {
    const image = createImage(100, 100, [255, 255, 255, 255]);
    const piece = rectMask(100, 100, 40, 40, 20, 20, 1); // any value > 0 is piece
    for (let y = 40; y < 60; y++) for (let x = 40; x < 60; x++) setPixel(image, x, y, [90, 90, 90]);
    setPixel(image, 37, 50, [200, 200, 200]); // 3 px left of the piece: inside a 3 px margin, outside 2 px
    setPixel(image, 62, 62, [200, 200, 200]); // diagonal, Chebyshev distance 3
    setPixel(image, 30, 90, [180, 180, 180]); // under the "shadow"
    const shadow = rectMask(100, 100, 25, 85, 20, 10, 1);

    const excluded = measureBackgroundPurity(image, piece, white, { excludeMarginPx: 3, exclusionMask: shadow });
    expect(excluded.backgroundPx).toBe(10000 - 26 * 26 - 200);
    expect(excluded.purity).toBe(1);

    const narrower = measureBackgroundPurity(image, piece, white, { excludeMarginPx: 2, exclusionMask: shadow });
    expect(narrower.backgroundPx).toBe(10000 - 24 * 24 - 200);
    expect(narrower.pureBackgroundPx).toBe(narrower.backgroundPx - 2);
  });

  it('treats a margin at the frame edge and a tolerance correctly', () => {
    const image = createImage(10, 10, [250, 251, 252, 255]);
    const corner = rectMask(10, 10, 0, 0, 2, 2);
    const result = measureBackgroundPurity(image, corner, white, { excludeMarginPx: 1 });
    expect(result).toEqual({ purity: 0, backgroundPx: 100 - 9, pureBackgroundPx: 0 });
    expect(measureBackgroundPurity(image, corner, white, { excludeMarginPx: 1, toleranceLevels: 5 }).purity).toBe(1);
    expect(measureBackgroundPurity(image, corner, white, { excludeMarginPx: 1, toleranceLevels: 4 }).purity).toBe(0);
  });

  it('reports purity 1 with no background pixels, and rejects masks of another size', () => {
    const image = createImage(4, 4, [0, 0, 0, 255]);
    expect(measureBackgroundPurity(image, createMask(4, 4, 255), white)).toEqual({ purity: 1, backgroundPx: 0, pureBackgroundPx: 0 });
    expect(() => measureBackgroundPurity(image, createMask(5, 4), white)).toThrow(RangeError);
  });
});
