import { describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderChainScene, renderRingScene } from '../../../../tests/support/images';
import { dropBrightParts } from '../../../../tests/support/mask-defects';
import { computeMaskBoundingBox, computeMaskIoU } from '../../../core/mask-ops';
import type { Rect } from '../../../core/geometry';
import type { Mask } from '../../../core/image';
import { fullStrengths, whiteCatalogLook } from '../../look';
import { defaultWhiteOnWhiteOptions, recoverBrightParts } from './recover-bright';
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

  /** A silver ring on white, and a copy of its photo with `paint` drawn on it (cover 0..1 of level `level` per pixel, outside the ring). */
  function paintOnRingScene(paint: (x: number, y: number, box: Rect) => number, level: number) {
    const scene = renderRingScene({ widthPx: 640, heightPx: 480, seed: 9, metal: 'silver', backdrop: 'studio', backdropRgb: [244, 244, 246] });
    const { width, height } = scene.image;
    const box = computeMaskBoundingBox(scene.mask, 127)!;
    const image = { ...scene.image, data: Uint8ClampedArray.from(scene.image.data) };
    const painted = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        const cover = paint(x, y, box);
        if (cover <= 0 || scene.mask.data[p] > 0) continue;
        painted[p] = Math.round(255 * cover);
        for (let c = 0; c < 3; c++) image.data[p * 4 + c] = Math.round(image.data[p * 4 + c] * (1 - cover) + level * cover);
      }
    }
    return { scene, image, painted };
  }

  /** A 2.4 px wire: a quarter circle of radius 90 px from the ring's top edge up and to the left. */
  const earWire = (x: number, y: number, box: Rect): number => {
    const cx = box.x + box.width / 2 - 90;
    const cy = box.y + 4;
    if (x > cx + 90 || y > cy || x < cx) return 0;
    return Math.min(1, Math.max(0, 1.7 - Math.abs(Math.hypot(x - cx, y - cy) - 90)));
  };

  it.each([640, 320])('gives back a thin ear wire the model dropped, and nothing else (working side %i px)', (workingSidePx) => {
    // At 320 px the ring's shading reads as texture and would gate the op down; the wire search is what is tested.
    const options = { ...defaultWhiteOnWhiteOptions, workingSidePx, uniformDeviation: [2, 3] as [number, number] };
    const { scene, image, painted: wire } = paintOnRingScene(earWire, 150);
    const withWire = recoverBrightParts(image, scene.mask, 1, options, () => undefined);
    // The same ring without the wire: what the op raises anyway (bright, half-covered edge pixels), and no wire.
    const withoutWire = recoverBrightParts(scene.image, scene.mask, 1, options, () => undefined);
    expect(withoutWire.report.wirePixels).toBe(0);
    let core = 0;
    let coreAlpha = 0;
    let strays = 0;
    // Where the wire joins the ring, its edge pixels join too (within 8 working px of the wire).
    const nearWire = dilateMask({ ...scene.mask, data: new Uint8Array(wire.length) }, wire, 8 * (640 / workingSidePx));
    for (let p = 0; p < wire.length; p++) {
      if (wire[p] === 255) {
        core++;
        coreAlpha += withWire.mask.data[p];
      }
      if (!nearWire[p] && Math.abs(withWire.mask.data[p] - withoutWire.mask.data[p]) > 32) strays++;
    }
    // Measured: wire core alpha 0 → 255 over 187 px (both working sides); nothing else changes by more than 32.
    expect(coreAlpha / core).toBeGreaterThan(180);
    expect(strays).toBe(0);
  });

  it('takes neither a hard shadow nor a wide dark band leading from the piece for a wire', () => {
    // A hard-edged shadow 12 px wide at 0.75 of the backdrop, falling 120 px down-right from the ring's bottom.
    const shadow = (x: number, y: number, box: Rect): number => {
      const bottom = box.y + box.height - 6;
      const along = y - bottom;
      const across = x - (box.x + box.width / 2 + 0.5 * along);
      // Its sides anti-aliased, as a photo's are.
      return along >= 0 && along < 120 ? Math.min(1, Math.max(0, 6.5 - Math.abs(across) / Math.hypot(1, 0.5))) : 0;
    };
    const { scene, image, painted } = paintOnRingScene(shadow, 183);
    const { mask } = recoverBrightParts(image, scene.mask, 1, defaultWhiteOnWhiteOptions, () => undefined);
    // Where the band meets the ring, its corner may join it (measured: 72 px, none beyond 14 px of the ring); the band
    // itself does not.
    const nearRing = dilateMask(scene.mask, new Uint8Array(painted.length), 16);
    let raised = 0;
    for (let p = 0; p < painted.length; p++) if (painted[p] && !nearRing[p] && mask.data[p] > 32) raised++;
    expect(raised).toBe(0);
  });

  it('takes no patch of crisp details for a wire (a reflection of diamonds, a print)', () => {
    // A 48 px mesh of 2 px dark lines every 5 px, hanging from the ring's bottom: thin lines, but a patch, not a curve.
    const mesh = (x: number, y: number, box: Rect): number => {
      const dx = x - (box.x + box.width / 2 - 24);
      const dy = y - (box.y + box.height - 2);
      if (dx < 0 || dx >= 48 || dy < 0 || dy >= 48) return 0;
      return dx % 5 < 2 || dy % 5 < 2 ? 1 : 0;
    };
    const { scene, image } = paintOnRingScene(mesh, 170);
    const { report } = recoverBrightParts(image, scene.mask, 1, defaultWhiteOnWhiteOptions, () => undefined);
    expect(report.wirePixels).toBe(0);
  });

  it('takes no thin line under the piece for a wire (a reflection of its edge on a glossy surface)', () => {
    // The ear wire's curve turned upside down: from the ring's bottom edge down and to the left.
    const mirrored = (x: number, y: number, box: Rect): number => earWire(x, box.y + 4 + (box.y + box.height - 4 - y), box);
    const { scene, image } = paintOnRingScene(mirrored, 150);
    const { report } = recoverBrightParts(image, scene.mask, 1, defaultWhiteOnWhiteOptions, () => undefined);
    expect(report.wirePixels).toBe(0);
  });

  it('bridges a short gap in a wire between two kept parts of the piece', () => {
    // A bead the model kept 14 px right of the ring, joined to it by a 2 px wire the model dropped.
    const scene = renderRingScene({ widthPx: 640, heightPx: 480, seed: 9, metal: 'silver', backdrop: 'studio', backdropRgb: [244, 244, 246] });
    const { width } = scene.image;
    const box = computeMaskBoundingBox(scene.mask, 127)!;
    const cy = Math.round(box.y + box.height / 2);
    const ringRight = box.x + box.width;
    const image = { ...scene.image, data: Uint8ClampedArray.from(scene.image.data) };
    const mask = { ...scene.mask, data: Uint8Array.from(scene.mask.data) };
    const gap: number[] = [];
    for (let y = cy - 12; y <= cy + 12; y++) {
      for (let x = ringRight + 14; x <= ringRight + 38; x++) {
        if (Math.hypot(x - (ringRight + 26), y - cy) > 12) continue;
        mask.data[y * width + x] = 255;
        image.data.fill(120, (y * width + x) * 4, (y * width + x) * 4 + 3);
      }
    }
    for (let x = ringRight - 2; x < ringRight + 15; x++) {
      for (const y of [cy, cy + 1]) {
        if (mask.data[y * width + x]) continue;
        image.data.fill(150, (y * width + x) * 4, (y * width + x) * 4 + 3);
        gap.push(y * width + x);
      }
    }
    const { mask: out, report } = recoverBrightParts(image, mask, 1, defaultWhiteOnWhiteOptions, () => undefined);
    // Measured: the gap's pixels 0 → 255 on average.
    expect(report.wirePixels).toBeGreaterThan(0);
    expect(gap.reduce((sum, p) => sum + out.data[p], 0) / gap.length).toBeGreaterThan(180);
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
