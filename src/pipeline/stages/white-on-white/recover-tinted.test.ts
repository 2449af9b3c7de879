import { describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { createMask, type Mask, type RgbaImage } from '../../../core/image';
import { defaultHalfSeenTintedOptions, recoverHalfSeenTinted } from './recover-tinted';
import { whiteOnWhite } from './stage';

type Rgb = [number, number, number];

interface Scene {
  image: RgbaImage;
  /** The refined mask: only the stone the model was sure of. */
  mask: Mask;
  /** The model's own square mask: sure of the stone, half sure (alpha 90) of the band, the shadow and the glow. */
  modelMask: Mask;
}

// Where each part is painted (it touches the stone) and where it is measured (away from the stone).
// Parts are looked for within a quarter of the stone's diagonal (45 px) of it.
const band = { x0: 210, x1: 300, y0: 176, y1: 200 };
const bandMeasured = { x0: 210, x1: 250, y0: 176, y1: 200 };
const shadow = { x0: 320, x1: 420, y0: 160, y1: 200 };
const shadowMeasured = { x0: 375, x1: 415, y0: 170, y1: 200 };
const glow = { x0: 260, x1: 360, y0: 30, y1: 70 };
const glowMeasured = { x0: 270, x1: 350, y0: 34, y1: 50 };
const stone = { x: 310, y: 120, r: 64 };
const isStoneAt = (x: number, y: number) => Math.hypot(x - stone.x, y - stone.y) < stone.r;
const inside = (r: typeof band, x: number, y: number) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1;

/**
 * A 640×320 photo on a uniform light backdrop: a dark stone (the piece the model is sure of) with, touching it, a
 * rose-gold band on the left, the stone's grey shadow on the right (the backdrop's hue, darker) and, above, light
 * bounced off the metal onto the backdrop (tinted, as bright as the backdrop). The model half saw all three.
 */
function renderScene(backdrop: Rgb = [225, 238, 248]): Scene {
  const width = 640;
  const height = 320;
  const image: RgbaImage = { width, height, data: new Uint8ClampedArray(width * height * 4) };
  const mask = createMask(width, height);
  const modelSide = 128;
  const modelMask = createMask(modelSide, modelSide);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const isStone = isStoneAt(x, y);
      let rgb: Rgb = backdrop;
      if (isStone) rgb = [40, 70, 90];
      else if (inside(band, x, y)) rgb = [200, 130, 110];
      else if (inside(shadow, x, y)) rgb = [Math.round(backdrop[0] * 0.7), Math.round(backdrop[1] * 0.7), Math.round(backdrop[2] * 0.7)];
      else if (inside(glow, x, y)) rgb = [252, 236, 222];
      image.data.set([...rgb, 255], (y * width + x) * 4);
      if (isStone) mask.data[y * width + x] = 255;
    }
  }
  for (let my = 0; my < modelSide; my++) {
    for (let mx = 0; mx < modelSide; mx++) {
      const x = ((mx + 0.5) / modelSide) * width;
      const y = ((my + 0.5) / modelSide) * height;
      const isStone = isStoneAt(x, y);
      const isHalfSeen = inside(band, x, y) || inside(shadow, x, y) || inside(glow, x, y);
      modelMask.data[my * modelSide + mx] = isStone ? 255 : isHalfSeen ? 90 : 0;
    }
  }
  return { image, mask, modelMask };
}

/** Mean alpha of `mask` over the rectangle's inner part (2 px in from its sides). */
function measureMeanAlpha(mask: Mask, r: typeof band): number {
  let sum = 0;
  let count = 0;
  for (let y = r.y0 + 2; y < r.y1 - 2; y++) {
    for (let x = r.x0 + 2; x < r.x1 - 2; x++) {
      sum += mask.data[y * mask.width + x];
      count++;
    }
  }
  return sum / count;
}

describe('half-seen coloured parts', () => {
  it('brings back a rose-gold band the model half saw on pale blue, and leaves out the shadow and the bounced light', () => {
    const scene = renderScene();
    const { mask, report } = recoverHalfSeenTinted(scene.image, scene.mask, scene.modelMask, 1);
    expect(report.gate).toBe(1);
    expect(measureMeanAlpha(mask, bandMeasured)).toBeGreaterThan(240);
    expect(measureMeanAlpha(mask, shadowMeasured)).toBe(0);
    expect(measureMeanAlpha(mask, glowMeasured)).toBe(0);
    // The stone itself is untouched.
    expect(mask.data[stone.y * 640 + stone.x]).toBe(255);
  });

  it('needs the model to have half seen the part', () => {
    const scene = renderScene();
    const unseen = createMask(scene.modelMask.width, scene.modelMask.height);
    for (let k = 0; k < unseen.data.length; k++) unseen.data[k] = scene.modelMask.data[k] === 255 ? 255 : 0;
    const { mask } = recoverHalfSeenTinted(scene.image, scene.mask, unseen, 1);
    expect(measureMeanAlpha(mask, bandMeasured)).toBe(0);
  });

  it('does nothing on a dark backdrop, or at strength 0', () => {
    const dark = renderScene([60, 60, 64]);
    expect(recoverHalfSeenTinted(dark.image, dark.mask, dark.modelMask, 1).mask).toBe(dark.mask);
    const scene = renderScene();
    expect(recoverHalfSeenTinted(scene.image, scene.mask, scene.modelMask, 0).mask).toBe(scene.mask);
  });

  it('takes only parts clearly darker than the backdrop (its darkness rule decides)', () => {
    const scene = renderScene();
    // The band's luma is about 0.61 of the backdrop's: asking for 0.5 or darker leaves it out.
    const options = { ...defaultHalfSeenTintedOptions, darker: [0.5, 0.55] as [number, number] };
    expect(measureMeanAlpha(recoverHalfSeenTinted(scene.image, scene.mask, scene.modelMask, 1, options).mask, bandMeasured)).toBe(0);
  });

  it('runs in the white-on-white stage when the state has the model mask', async () => {
    const scene = renderScene();
    const source = new Blob([], { type: 'image/jpeg' });
    const withModel = await whiteOnWhite.run({ source, ...scene }, whiteOnWhite.defaults, createFakeStageContext());
    expect(measureMeanAlpha(withModel.mask!, bandMeasured)).toBeGreaterThan(240);
    const without = await whiteOnWhite.run({ source, image: scene.image, mask: scene.mask }, whiteOnWhite.defaults, createFakeStageContext());
    expect(measureMeanAlpha(without.mask!, bandMeasured)).toBeLessThan(10);
  });
});
