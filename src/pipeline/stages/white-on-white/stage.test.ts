import { describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderChainScene, renderRingScene } from '../../../../tests/support/images';
import { dropBrightParts } from '../../../../tests/support/mask-defects';
import { computeMaskIoU } from '../../../core/mask-ops';
import { fullStrengths, whiteCatalogLook } from '../../look';
import { whiteOnWhite } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

/** Pixels whose alpha differs between the two masks. */
function countChanged(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

describe('white-on-white stage', () => {
  it('gives a silver ring on a near-white studio backdrop back the bright parts the model dropped', async () => {
    // Measured: IoU 0.797 → 0.858 (parts as light as the backdrop cannot come back; shadows stay out).
    const scene = renderRingScene({ widthPx: 640, heightPx: 480, seed: 9, metal: 'silver', backdrop: 'studio', backdropRgb: [240, 241, 244] });
    const dropped = dropBrightParts(scene.image, scene.mask, 200);
    const state = await whiteOnWhite.run({ source, image: scene.image, mask: dropped }, whiteOnWhite.defaults, createFakeStageContext());
    const before = computeMaskIoU(dropped, scene.mask);
    const after = computeMaskIoU(state.mask!, scene.mask);
    expect(before).toBeLessThan(0.81);
    expect(after).toBeGreaterThan(before + 0.05);
    expect(state.image).toBe(scene.image);
  });

  it('works the same at [248, 248, 248] with fewer dropped parts', async () => {
    // Measured: IoU 0.896 → 0.919.
    const scene = renderRingScene({ widthPx: 640, heightPx: 480, seed: 3, metal: 'silver', backdrop: 'studio', backdropRgb: [248, 248, 248] });
    const dropped = dropBrightParts(scene.image, scene.mask, 215);
    const state = await whiteOnWhite.run({ source, image: scene.image, mask: dropped }, whiteOnWhite.defaults, createFakeStageContext());
    expect(computeMaskIoU(state.mask!, scene.mask)).toBeGreaterThan(computeMaskIoU(dropped, scene.mask) + 0.015);
  });

  it('leaves rings on linen and wood untouched (textured backdrops)', async () => {
    for (const scene of [
      renderRingScene({ widthPx: 640, heightPx: 480, seed: 3, metal: 'silver', backdrop: 'linen', backdropRgb: [240, 236, 228] }),
      renderRingScene({ widthPx: 640, heightPx: 480, seed: 2, metal: 'gold', backdrop: 'wood', backdropRgb: [190, 160, 125] }),
    ]) {
      const dropped = dropBrightParts(scene.image, scene.mask, 200);
      const state = await whiteOnWhite.run({ source, image: scene.image, mask: dropped }, whiteOnWhite.defaults, createFakeStageContext());
      expect(countChanged(state.mask!.data, dropped.data)).toBe(0);
    }
  });

  it('keeps a fine chain on white: nothing eaten, link eyes not filled', async () => {
    // Measured: IoU 0.981 against the exact mask (bright half-covered edge pixels become opaque).
    const scene = renderChainScene({ widthPx: 800, heightPx: 600, seed: 4, metal: 'silver', backdrop: 'studio', backdropRgb: [246, 246, 246] });
    const state = await whiteOnWhite.run({ source, image: scene.image, mask: scene.mask }, whiteOnWhite.defaults, createFakeStageContext());
    expect(scene.mask.data.filter((v, i) => state.mask!.data[i] < v).length).toBe(0);
    expect(computeMaskIoU(state.mask!, scene.mask)).toBeGreaterThan(0.97);
  });

  it('changes nothing at strength 0', async () => {
    const scene = renderRingScene({ widthPx: 320, heightPx: 240, seed: 9, metal: 'silver', backdrop: 'studio', backdropRgb: [240, 241, 244] });
    const dropped = dropBrightParts(scene.image, scene.mask, 200);
    const ctx = createFakeStageContext({ look: { ...whiteCatalogLook, strengths: { ...fullStrengths, whiteOnWhite: 0 } } });
    const state = await whiteOnWhite.run({ source, image: scene.image, mask: dropped }, whiteOnWhite.defaults, ctx);
    expect(state.mask).toBe(dropped);
  });

  it('stops with an AbortError when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const scene = renderRingScene({ widthPx: 320, heightPx: 240, seed: 9, metal: 'silver', backdrop: 'studio', backdropRgb: [240, 241, 244] });
    const ctx = createFakeStageContext({ signal: controller.signal });
    await expect(whiteOnWhite.run({ source, image: scene.image, mask: scene.mask }, whiteOnWhite.defaults, ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('needs the image and the mask', async () => {
    await expect(whiteOnWhite.run({ source }, whiteOnWhite.defaults, createFakeStageContext())).rejects.toMatchObject({ code: 'unknown' });
  });
});
