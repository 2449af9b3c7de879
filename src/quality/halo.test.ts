import { describe, expect, it } from 'vitest';
import { computeSrgbDeltaE00 } from '../core/color-difference';
import { createImage, createMask, type Mask, type RgbaImage } from '../core/image';
import { disc, discMask } from '../../tests/support/images';
import { measureEdgeRingDeltaE00, measureHalo } from './halo';

const white = [255, 255, 255] as const;
const grey = [128, 128, 128] as const;
const green = [0, 200, 0] as const;

/** A hard-edged grey disc (radius 12) on white, 40×40, and its binary mask. */
function hardDisc(): { image: RgbaImage; mask: Mask } {
  const image = createImage(40, 40, [255, 255, 255, 255]);
  const mask = createMask(40, 40);
  for (let y = 0; y < 40; y++) {
    for (let x = 0; x < 40; x++) {
      if (Math.hypot(x + 0.5 - 20, y + 0.5 - 20) > 12) continue;
      mask.data[y * 40 + x] = 255;
      image.data.set(grey, (y * 40 + x) * 4);
    }
  }
  return { image, mask };
}

/** Paints every background pixel 4-adjacent to the piece (the outer ring) with `rgb`; returns how many. */
function paintOuterRing(image: RgbaImage, mask: Mask, rgb: readonly [number, number, number], everyOther = false): number {
  const { width, height } = mask;
  const ring: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (mask.data[i] > 127) continue;
      const near = [i - 1, i + 1, i - width, i + width].some((j, k) => {
        const inside = k === 0 ? x > 0 : k === 1 ? x < width - 1 : k === 2 ? y > 0 : y < height - 1;
        return inside && mask.data[j] > 127;
      });
      if (near) ring.push(i);
    }
  }
  ring.forEach((i, k) => {
    if (!everyOther || k % 2 === 0) image.data.set(rgb, i * 4);
  });
  return ring.length;
}

describe('measureEdgeRingDeltaE00', () => {
  it('is 0 for a clean hard cut on the target background', () => {
    const { image, mask } = hardDisc();
    const result = measureEdgeRingDeltaE00(image, mask, white);
    expect(result.meanDeltaE00).toBe(0);
    expect(result.ringPx).toBeGreaterThan(60);
  });

  it('equals ΔE00(green, white) when the whole outer ring is green fringe', () => {
    const { image, mask } = hardDisc();
    const ringPx = paintOuterRing(image, mask, green);
    const result = measureEdgeRingDeltaE00(image, mask, white);
    expect(result.ringPx).toBe(ringPx);
    expect(result.meanDeltaE00).toBeCloseTo(computeSrgbDeltaE00(green, white), 10);
  });

  it('is the ring average: fringe on every other ring pixel gives about half', () => {
    const { image, mask } = hardDisc();
    const ringPx = paintOuterRing(image, mask, green, true);
    const expected = (Math.ceil(ringPx / 2) * computeSrgbDeltaE00(green, white)) / ringPx;
    expect(measureEdgeRingDeltaE00(image, mask, white).meanDeltaE00).toBeCloseTo(expected, 10);
  });

  it('ignores colour inside the piece and beyond the ring, and thresholds the mask at > 127', () => {
    const { image, mask } = hardDisc();
    image.data.set(green, (20 * 40 + 20) * 4); // inside
    image.data.set(green, 0); // far corner
    expect(measureEdgeRingDeltaE00(image, mask, white).meanDeltaE00).toBe(0);
    const faint = createMask(40, 40, 127);
    expect(measureEdgeRingDeltaE00(image, faint, white)).toEqual({ meanDeltaE00: 0, ringPx: 0 });
    expect(() => measureEdgeRingDeltaE00(image, createMask(8, 8), white)).toThrow(RangeError);
  });
});

describe('measureHalo', () => {
  it('reports the fringe as halo without a reference, and 0 without the fringe', () => {
    const clean = hardDisc();
    expect(measureHalo(clean.image, clean.mask, white)).toEqual({ haloDeltaE00: 0, measuredDeltaE00: 0, referenceDeltaE00: null, ringPx: expect.any(Number) });
    const fringed = hardDisc();
    paintOuterRing(fringed.image, fringed.mask, green);
    const halo = measureHalo(fringed.image, fringed.mask, white);
    expect(halo.haloDeltaE00).toBeCloseTo(computeSrgbDeltaE00(green, white), 10);
    expect(halo.referenceDeltaE00).toBeNull();
  });

  it('subtracts a perfect cut, keeping both raw figures; not clamped at 0', () => {
    const fringed = hardDisc();
    paintOuterRing(fringed.image, fringed.mask, green);
    const perfect = hardDisc();
    const halo = measureHalo(fringed.image, fringed.mask, white, { image: perfect.image });
    expect(halo.referenceDeltaE00).toBe(0);
    expect(halo.haloDeltaE00).toBeCloseTo(halo.measuredDeltaE00, 12);
    const reversed = measureHalo(perfect.image, perfect.mask, white, { image: fringed.image, mask: fringed.mask });
    expect(reversed.haloDeltaE00).toBeCloseTo(-computeSrgbDeltaE00(green, white), 10);
  });

  it('cancels the anti-aliased edge a perfect cut also has', () => {
    // An anti-aliased ring on white: the outer ring has partly covered pixels, so the raw figure is above 0.
    const image = disc(48, 48, { ringRgb: grey, backdropRgb: white });
    const mask = discMask(48, 48);
    const halo = measureHalo(image, mask, white, { image });
    expect(halo.measuredDeltaE00).toBeGreaterThan(0.5);
    expect(halo.haloDeltaE00).toBe(0);
  });
});
