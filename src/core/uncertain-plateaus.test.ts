import { describe, expect, it } from 'vitest';
import { createImage, createMask, type Mask, type RgbaImage } from './image';
import { lowerUncertainPlateaus } from './uncertain-plateaus';

const skin: [number, number, number] = [224, 172, 150];
const paleMetal: [number, number, number] = [196, 198, 204];

/** A 400×300 photo: dark backdrop, a `plateauRgb` area (a hand) with a gold band across it; the model's mask to go with it. */
function renderScene(options: { plateauRgb: [number, number, number]; plateauAlpha: number; plateauWidthPx?: number; chainAlpha?: number }) {
  const image: RgbaImage = createImage(400, 300, [40, 42, 46, 255]);
  const mask: Mask = createMask(400, 300);
  const paint = (x0: number, y0: number, w: number, h: number, rgb: [number, number, number], alpha: number, jitter = 0) => {
    for (let y = y0; y < y0 + h; y++) {
      for (let x = x0; x < x0 + w; x++) {
        const k = y * 400 + x;
        image.data.set(rgb, k * 4);
        mask.data[k] = alpha + (jitter ? Math.round(jitter * Math.sin(x * 0.7 + y * 1.3)) : 0);
      }
    }
  };
  paint(150, 60, options.plateauWidthPx ?? 200, 180, options.plateauRgb, options.plateauAlpha, 12);
  paint(120, 130, 60, 40, [212, 170, 70], 255); // the piece, sure, at the plateau's edge
  if (options.chainAlpha !== undefined) paint(180, 148, 160, 3, [212, 170, 70], options.chainAlpha); // a chain across the plateau
  return { image, mask };
}

const at = (mask: Mask, x: number, y: number) => mask.data[y * mask.width + x];
const isSame = (a: Mask, b: Mask) => Buffer.from(a.data).equals(Buffer.from(b.data));

describe('lowerUncertainPlateaus', () => {
  it('leaves out a skin-coloured plateau the model leans against (a hand under a bracelet) and keeps the piece', () => {
    const { image, mask } = renderScene({ plateauRgb: skin, plateauAlpha: 100 });
    const lowered = lowerUncertainPlateaus(image, mask);
    let leftOver = 0;
    for (let y = 64; y < 236; y++) for (let x = 190; x < 346; x++) leftOver = Math.max(leftOver, at(lowered.mask, x, y));
    expect(leftOver).toBeLessThan(20);
    expect(at(lowered.mask, 150, 150)).toBe(255);
    expect(lowered.surePixels).toBe(60 * 40);
    expect(lowered.openPixels / lowered.surePixels).toBeGreaterThan(10);
    expect(at(mask, 250, 150)).toBeGreaterThan(80); // the input is not changed
  });

  it('keeps a chain that crosses the plateau at alpha above its level', () => {
    const { image, mask } = renderScene({ plateauRgb: skin, plateauAlpha: 100, chainAlpha: 200 });
    const lowered = lowerUncertainPlateaus(image, mask);
    expect(at(lowered.mask, 260, 149)).toBe(200);
    expect(at(lowered.mask, 260, 120)).toBeLessThan(20);
  });

  it('keeps a pale metal part the model is unsure of, a plateau it leans towards, and one smaller than the piece', () => {
    const metal = renderScene({ plateauRgb: paleMetal, plateauAlpha: 100 });
    expect(isSame(lowerUncertainPlateaus(metal.image, metal.mask).mask, metal.mask)).toBe(true);
    const leaning = renderScene({ plateauRgb: skin, plateauAlpha: 160 });
    expect(isSame(lowerUncertainPlateaus(leaning.image, leaning.mask).mask, leaning.mask)).toBe(true);
    const small = renderScene({ plateauRgb: skin, plateauAlpha: 100, plateauWidthPx: 12 }); // its inside, 4×172, is smaller than the 60×40 piece
    const result = lowerUncertainPlateaus(small.image, small.mask);
    expect(isSame(result.mask, small.mask)).toBe(true);
    expect(result.openPixels).toBe(0);
  });

  it('ramps alpha just above the plateau level back up to its own value instead of cutting it', () => {
    const { image, mask } = renderScene({ plateauRgb: skin, plateauAlpha: 100 });
    // A faint strand across the plateau at alpha 125 (inside the ramp: level ≈ 111, ramp 40 levels).
    for (let x = 200; x < 340; x++) mask.data[150 * 400 + x] = 125;
    const lowered = lowerUncertainPlateaus(image, mask);
    const strand = at(lowered.mask, 260, 150);
    expect(strand).toBeGreaterThan(10);
    expect(strand).toBeLessThan(125);
  });

  it('leaves a plateau with two peaks alone (its level reaches into the sure range)', () => {
    const { image, mask } = renderScene({ plateauRgb: skin, plateauAlpha: 60 });
    for (let y = 60; y < 240; y++) for (let x = 150; x < 350; x++) if ((x >> 3) % 4 === 0) mask.data[y * 400 + x] = 200;
    expect(isSame(lowerUncertainPlateaus(image, mask).mask, mask)).toBe(true);
  });

  it('does not count skin-coloured haze in the hole of a ring as doubt about where the piece ends', () => {
    const image = createImage(300, 300, [40, 42, 46, 255]);
    const mask = createMask(300, 300);
    for (let y = 0; y < 300; y++) {
      for (let x = 0; x < 300; x++) {
        const r = Math.hypot(x - 150, y - 150);
        if (r < 100) image.data.set(r < 80 ? skin : [212, 170, 70], (y * 300 + x) * 4);
        if (r < 100) mask.data[y * 300 + x] = r < 80 ? 100 : 255;
      }
    }
    const lowered = lowerUncertainPlateaus(image, mask);
    expect(at(lowered.mask, 150, 150)).toBeLessThan(20);
    expect(lowered.openPixels).toBe(0);
  });

  it('lowers nothing when the model is sure of nothing', () => {
    const image = createImage(100, 100, skin.concat(255) as [number, number, number, number]);
    const mask = createMask(100, 100, 90);
    const lowered = lowerUncertainPlateaus(image, mask);
    expect(isSame(lowered.mask, mask)).toBe(true);
    expect(lowered.surePixels).toBe(0);
  });
});
