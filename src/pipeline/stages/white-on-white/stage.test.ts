import { describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderChainScene, renderRingScene } from '../../../../tests/support/images';
import { dropBrightParts } from '../../../../tests/support/mask-defects';
import { computeMaskBoundingBox, computeMaskIoU } from '../../../core/mask-ops';
import type { Mask } from '../../../core/image';
import { fullStrengths, whiteCatalogLook } from '../../look';
import { whiteOnWhite } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

/** Pixels whose alpha differs between the two masks. */
function countChanged(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** 1 where the mask or the extra alpha is set, grown by `radius` px (chessboard). */
function dilateMask(mask: Mask, extra: Uint8Array, radius: number): Uint8Array {
  const { width, height } = mask;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask.data[y * width + x] && !extra[y * width + x]) continue;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < height && xx >= 0 && xx < width) out[yy * width + xx] = 1;
        }
      }
    }
  }
  return out;
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

  it('gives back a thin ear wire the model dropped, and nothing along the outline or the shadow', async () => {
    // A silver ring on white with a 2.4 px grey wire rising from its top (as ISNet drops ear wires on white).
    const scene = renderRingScene({ widthPx: 640, heightPx: 480, seed: 9, metal: 'silver', backdrop: 'studio', backdropRgb: [244, 244, 246] });
    const { width, height } = scene.image;
    const box = computeMaskBoundingBox(scene.mask, 127)!;
    const image = { ...scene.image, data: Uint8ClampedArray.from(scene.image.data) };
    const wire = new Uint8Array(width * height);
    // A quarter circle from the ring's top edge up and to the right.
    const cx = box.x + box.width / 2;
    const cy = box.y + 4;
    const radius = 90;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (x < cx - radius || y > cy) continue;
        const distance = Math.abs(Math.hypot(x - (cx - radius), y - cy) - radius);
        const cover = Math.min(1, Math.max(0, 1.7 - distance));
        if (cover <= 0 || scene.mask.data[y * width + x] > 0) continue;
        const p = y * width + x;
        wire[p] = Math.round(255 * cover);
        for (let c = 0; c < 3; c++) image.data[p * 4 + c] = Math.round(image.data[p * 4 + c] * (1 - cover) + 150 * cover);
      }
    }
    const state = await whiteOnWhite.run({ source, image, mask: scene.mask }, whiteOnWhite.defaults, createFakeStageContext());
    // The same ring without the wire: what the op raises anyway (bright, half-covered edge pixels).
    const withoutWire = await whiteOnWhite.run({ source, image: scene.image, mask: scene.mask }, whiteOnWhite.defaults, createFakeStageContext());
    let core = 0;
    let coreAlpha = 0;
    let strays = 0;
    // Where the wire joins the ring, its edge pixels join too (within 8 px of the wire).
    const nearWire = dilateMask({ ...scene.mask, data: new Uint8Array(wire.length) }, wire, 8);
    for (let p = 0; p < wire.length; p++) {
      if (wire[p] === 255) {
        core++;
        coreAlpha += state.mask!.data[p];
      }
      if (!nearWire[p] && Math.abs(state.mask!.data[p] - withoutWire.mask!.data[p]) > 32) strays++;
    }
    // Measured: wire core alpha 0 → 255 over 187 px; nothing else changes by more than 32.
    expect(coreAlpha / core).toBeGreaterThan(180);
    expect(strays).toBe(0);
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
