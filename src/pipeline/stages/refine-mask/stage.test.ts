import { beforeAll, describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { computeBoundaryIoU, renderRingScene, simulateModelMask, type Scene } from '../../../../tests/support/images';
import { createImage, createMask } from '../../../core/image';
import { computeMaskIoU } from '../../../core/mask-ops';
import { resizeMask } from '../../../core/resize';
import { refineMask } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

describe('refine-mask stage', () => {
  let ring: Scene;
  beforeAll(() => {
    ring = renderRingScene({ widthPx: 960, heightPx: 720, seed: 2, metal: 'gold', backdrop: 'wood', backdropRgb: [190, 160, 125] });
  });

  it('turns a soft, fat 240² model mask into a full-size alpha with IoU ≥ 0.95, better than bilinear', async () => {
    const modelMask = simulateModelMask(ring.mask, { sizePx: 240 });
    const ctx = createFakeStageContext();
    const state = await refineMask.run({ source, image: ring.image, modelMask }, refineMask.defaults, ctx);
    expect([state.mask!.width, state.mask!.height]).toEqual([960, 720]);
    const bilinear = resizeMask(modelMask, 960, 720, { filter: 'bilinear' });
    // Measured: IoU bilinear 0.943 → refined 0.988; boundary IoU 0.70 → 0.94.
    expect(computeMaskIoU(state.mask!, ring.mask)).toBeGreaterThanOrEqual(0.95);
    expect(computeMaskIoU(state.mask!, ring.mask)).toBeGreaterThan(computeMaskIoU(bilinear, ring.mask));
    expect(computeBoundaryIoU(state.mask!, ring.mask)).toBeGreaterThan(computeBoundaryIoU(bilinear, ring.mask) + 0.1);
    expect(state.image).toBe(ring.image);
    expect(ctx.progressReports.at(-1)).toBe(1);
  });

  it('leaves out a hand the model half-kept under a bracelet and a mark apart from it, and says how much it left out', async () => {
    // 800×600 photo: a skin-coloured hand with a gold bracelet across it; the model's 256² mask is sure of the
    // bracelet (255), half-keeps the hand (100), a stone lying on it (190) and a printed mark far away (150).
    const image = createImage(800, 600, [40, 44, 40, 255]);
    const modelMask = createMask(256, 256);
    for (let y = 100; y < 500; y++) for (let x = 300; x < 700; x++) image.data.set([226, 176, 152], (y * 800 + x) * 4);
    for (let y = 250; y < 330; y++) for (let x = 240; x < 360; x++) image.data.set([214, 170, 68], (y * 800 + x) * 4);
    for (let y = 300; y < 320; y++) for (let x = 520; x < 540; x++) image.data.set([40, 90, 160], (y * 800 + x) * 4); // a stone on the hand
    for (let y = 0; y < 256; y++) {
      for (let x = 0; x < 256; x++) {
        const [px, py] = [((x + 0.5) * 800) / 256, ((y + 0.5) * 600) / 256];
        const inBracelet = px >= 240 && px < 360 && py >= 250 && py < 330;
        const inHand = px >= 300 && px < 700 && py >= 100 && py < 500;
        const inPrint = px >= 40 && px < 60 && py >= 520 && py < 540; // a printed mark far from the piece
        const inStone = px >= 520 && px < 540 && py >= 300 && py < 320;
        modelMask.data[y * 256 + x] = inBracelet ? 255 : inStone ? 190 : inHand ? 100 : inPrint ? 150 : 0;
      }
    }
    const state = await refineMask.run({ source, image, modelMask }, refineMask.defaults, createFakeStageContext());
    const alphaAt = (x: number, y: number) => state.mask!.data[y * 800 + x];
    expect(alphaAt(300, 290)).toBe(255);
    expect(Math.max(alphaAt(500, 300), alphaAt(650, 150), alphaAt(400, 450))).toBe(0);
    expect(alphaAt(50, 530)).toBe(0);
    // The stone the model half-believes, linked to the bracelet through the hand, stays.
    expect(alphaAt(530, 310)).toBeGreaterThan(128);
    expect(state.leftOut!.bodyShare).toBeGreaterThan(5);
    expect(state.leftOut!.fragmentShare).toBeGreaterThan(0.02);
    // Without the two steps the hand stays as a ghost.
    const options = { ...refineMask.defaults, plateaus: { ...refineMask.defaults.plateaus, minSkinShare: 2 }, fragments: { ...refineMask.defaults.fragments, minKeptShare: 0 } };
    const kept = await refineMask.run({ source, image, modelMask }, options, createFakeStageContext());
    expect(kept.mask!.data[300 * 800 + 500]).toBeGreaterThan(40);
    expect(kept.leftOut).toEqual({ bodyShare: 0, fragmentShare: 0 });
  });

  it('fails with empty-mask when the model found nothing', async () => {
    const ctx = createFakeStageContext();
    await expect(refineMask.run({ source, image: ring.image, modelMask: createMask(64, 64) }, refineMask.defaults, ctx)).rejects.toMatchObject({
      code: 'empty-mask',
    });
  });

  it('stops with an AbortError when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = createFakeStageContext({ signal: controller.signal });
    const modelMask = simulateModelMask(ring.mask, { sizePx: 240 });
    await expect(refineMask.run({ source, image: ring.image, modelMask }, refineMask.defaults, ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops between row blocks when aborted mid-way', async () => {
    const controller = new AbortController();
    const ctx = createFakeStageContext({
      signal: controller.signal,
      progress: (fraction) => {
        if (fraction > 0.5) controller.abort();
      },
    });
    const modelMask = simulateModelMask(ring.mask, { sizePx: 240 });
    await expect(refineMask.run({ source, image: ring.image, modelMask }, refineMask.defaults, ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
