import { beforeAll, describe, expect, it } from 'vitest';
import { computeBoundaryIoU, disc, discMask, renderChainScene, renderRingScene, simulateModelMask, type Scene } from '../../tests/support/images';
import { filterBoxMeanPlaneInPlace } from './box-filter';
import { createFloatPlane } from './float-plane';
import { upsampleMaskGuided } from './guided-filter';
import { createMask } from './image';
import { computeMaskIoU } from './mask-ops';
import { resizeMask } from './resize';

describe('upsampleMaskGuided on tiny images', () => {
  it('keeps an all-piece mask at exactly 255 and an all-backdrop mask at exactly 0', () => {
    const image = disc(32);
    const full = upsampleMaskGuided(image, createMask(8, 8, 255));
    const empty = upsampleMaskGuided(image, createMask(8, 8, 0));
    expect(full.data.every((v) => v === 255)).toBe(true);
    expect(empty.data.every((v) => v === 0)).toBe(true);
    expect([full.width, full.height]).toEqual([32, 32]);
  });

  it('recovers a sharp annulus from a 4× smaller mask better than bilinear (IoU ≥ 0.97)', () => {
    const image = disc(64, 64, { outerRadius: 0.8, innerRadius: 0.4 });
    const truth = discMask(64, 64, { outerRadius: 0.8, innerRadius: 0.4 });
    const low = simulateModelMask(truth, { sizePx: 16, blurPx: 1, gain: 1 });
    const bilinear = resizeMask(low, 64, 64, { filter: 'bilinear' });
    for (const guide of ['rgb', 'luma'] as const) {
      const refined = upsampleMaskGuided(image, low, { guide, radiusPx: 2 });
      const iou = computeMaskIoU(refined, truth);
      expect(iou, guide).toBeGreaterThanOrEqual(0.97);
      expect(iou, guide).toBeGreaterThan(computeMaskIoU(bilinear, truth));
    }
  });

  it('reports progress from 0 to 1 and stops when the checkpoint throws', () => {
    const image = disc(48);
    const low = simulateModelMask(discMask(48), { sizePx: 12 });
    const fractions: number[] = [];
    upsampleMaskGuided(image, low, {}, (f) => fractions.push(f));
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    expect(() =>
      upsampleMaskGuided(image, low, {}, (f) => {
        if (f > 0.4) throw new Error('stop');
      }),
    ).toThrow('stop');
  });
});

describe('upsampleMaskGuided on generated photos (960×720, model mask 240², soft and fat like ISNet)', () => {
  let ring: Scene;
  let chain: Scene;
  beforeAll(() => {
    ring = renderRingScene({ widthPx: 960, heightPx: 720, seed: 1 });
    chain = renderChainScene({ widthPx: 960, heightPx: 720, seed: 3, metal: 'gold', linkWidthPx: 4 });
  });

  it('ring: IoU ≥ 0.99 and boundary IoU ≥ 0.95, both above bilinear upsampling', () => {
    const low = simulateModelMask(ring.mask, { sizePx: 240 });
    const bilinear = resizeMask(low, 960, 720, { filter: 'bilinear' });
    const refined = upsampleMaskGuided(ring.image, low);
    // Measured: IoU bilinear 0.936, guided 0.995; boundary IoU bilinear 0.68, guided 0.97.
    expect(computeMaskIoU(refined, ring.mask)).toBeGreaterThanOrEqual(0.99);
    expect(computeMaskIoU(refined, ring.mask)).toBeGreaterThan(computeMaskIoU(bilinear, ring.mask));
    expect(computeBoundaryIoU(refined, ring.mask)).toBeGreaterThanOrEqual(0.95);
    expect(computeBoundaryIoU(refined, ring.mask)).toBeGreaterThan(computeBoundaryIoU(bilinear, ring.mask) + 0.1);
  });

  it('ring: away from edges (> 3 px), backdrop, hole and metal are exactly 0 or 255 (≥ 98 % of pixels)', () => {
    const refined = upsampleMaskGuided(ring.image, simulateModelMask(ring.mask, { sizePx: 240 }));
    const near = createFloatPlane(960, 720, 1);
    for (let i = 0; i < near.data.length; i++) near.data[i] = ring.mask.data[i] > 127 ? 1 : 0;
    filterBoxMeanPlaneInPlace(near, 3);
    let wrong = 0;
    let counted = 0;
    for (let i = 0; i < near.data.length; i++) {
      if (near.data[i] === 0 || near.data[i] === 1) {
        counted++;
        if (refined.data[i] !== (near.data[i] === 1 ? 255 : 0)) wrong++;
      }
    }
    // The hole's centre in particular (the ring is centred at 0.5, 0.55).
    expect(refined.data[Math.round(0.55 * 720) * 960 + 480]).toBe(0);
    // Measured 1.1 %: faint alpha (< 32) left on the shadow under the ring, where the model mask was fat.
    expect(wrong / counted).toBeLessThan(0.02);
  });

  it('chain 4 px: thin links survive and the fat model band is cleared (IoU ≥ 0.88, well above bilinear)', () => {
    const low = simulateModelMask(chain.mask, { sizePx: 240 });
    const bilinear = resizeMask(low, 960, 720, { filter: 'bilinear' });
    const refined = upsampleMaskGuided(chain.image, low);
    const refinedIoU = computeMaskIoU(refined, chain.mask);
    // Measured: bilinear 0.76, guided 0.90 (0.89 without the backdrop test; on ISNet's real mask of a
    // 4000×3000 render the test lifts it from 0.81 to 0.96, as ISNet also covers the chain's shadow).
    expect(refinedIoU).toBeGreaterThanOrEqual(0.88);
    expect(refinedIoU).toBeGreaterThan(computeMaskIoU(bilinear, chain.mask) + 0.1);
    const withoutTest = upsampleMaskGuided(chain.image, low, { backdropTest: false });
    expect(refinedIoU).toBeGreaterThanOrEqual(computeMaskIoU(withoutTest, chain.mask));
  });
});
