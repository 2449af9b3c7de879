import { describe, expect, it } from 'vitest';
import { disc, discMask } from '../../tests/support/images';
import { composePieceOnCanvas } from './composite';
import { extractCutout, readAlphaAsMask, readGreyAsMask, renderMaskAsImage } from './cutout';
import { createImage, createMask } from './image';

describe('extractCutout', () => {
  it('recovers the piece colour under every partly transparent pixel of a composed picture', () => {
    // A flat-coloured piece (the photo's backdrop is the same colour), so every composed edge pixel is colour·alpha.
    const piece = disc(120, 120, { outerRadius: 0.45, innerRadius: 0.2, ringRgb: [180, 140, 60], backdropRgb: [180, 140, 60] });
    const alpha = discMask(120, 120, { outerRadius: 0.45, innerRadius: 0.2 });
    const composed = composePieceOnCanvas(piece, alpha, { widthPx: 100, heightPx: 100, backgroundRgb: [20, 40, 200], fill: 0.8, anchorX: 0.5, anchorY: 0.5 }, { decontaminate: false })!;
    const cutout = extractCutout(composed.image, composed.alpha, [20, 40, 200]);
    let checked = 0;
    for (let i = 0; i < composed.alpha.data.length; i++) {
      const a = composed.alpha.data[i];
      expect(cutout.data[i * 4 + 3]).toBe(a);
      if (a < 64) continue;
      // Within ±0.5/a levels of rounding, plus resampling of a flat colour (exact).
      const tolerance = Math.ceil(0.5 / (a / 255)) + 1;
      expect(Math.abs(cutout.data[i * 4] - 180)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(cutout.data[i * 4 + 1] - 140)).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(cutout.data[i * 4 + 2] - 60)).toBeLessThanOrEqual(tolerance);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('leaves alpha-0 pixels transparent black and refuses mismatched sizes', () => {
    const composed = createImage(4, 4, [255, 255, 255, 255]);
    const cutout = extractCutout(composed, createMask(4, 4), [255, 255, 255]);
    expect(Array.from(cutout.data).every((v) => v === 0)).toBe(true);
    expect(() => extractCutout(composed, createMask(3, 4), [255, 255, 255])).toThrow(RangeError);
  });
});

describe('mask pictures', () => {
  it('round-trips a mask through a grey picture and through an alpha channel', () => {
    const mask = { width: 3, height: 2, data: Uint8Array.from([0, 1, 127, 128, 254, 255]) };
    const grey = renderMaskAsImage(mask);
    expect(Array.from(grey.data.subarray(8, 12))).toEqual([127, 127, 127, 255]);
    expect(readGreyAsMask(grey)).toEqual(mask);
    const withAlpha = createImage(3, 2);
    mask.data.forEach((v, i) => (withAlpha.data[i * 4 + 3] = v));
    expect(readAlphaAsMask(withAlpha)).toEqual(mask);
  });
});
