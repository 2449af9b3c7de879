import { beforeAll, describe, expect, it } from 'vitest';
import { copyImage } from '../../../../tests/support/color-cast';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene, type Scene } from '../../../../tests/support/images';
import { srgbToLinearLut } from '../../../core/color-difference';
import { encodeLinearToSrgb } from '../../../core/color-transfer';
import { createMask, type RgbaImage } from '../../../core/image';
import { measurePieceStatistics } from '../../../quality/batch-consistency';
import type { LookTone } from '../../look';
import { tone } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

async function runTone(scene: { image: RgbaImage; mask: Scene['mask'] }, toneTarget: Partial<LookTone> = {}, strength = 1) {
  const ctx = createFakeStageContext();
  const look = { ...ctx.look, tone: { ...ctx.look.tone, ...toneTarget }, strengths: { ...ctx.look.strengths, exposure: strength } };
  return tone.run({ source, image: copyImage(scene.image), mask: scene.mask }, tone.defaults, { ...ctx, look });
}

/** The scene exposed `stops` darker (linear light scaled), as an under-exposed shot. */
function underexpose(image: RgbaImage, stops: number): RgbaImage {
  const data = new Uint8ClampedArray(image.data);
  const gain = Math.pow(2, -stops);
  for (let p = 0; p < data.length; p++) if ((p & 3) !== 3) data[p] = Math.round(encodeLinearToSrgb(srgbToLinearLut[data[p]] * gain));
  return { width: image.width, height: image.height, data };
}

describe('tone stage', () => {
  let ring: Scene;
  beforeAll(() => {
    ring = renderRingScene({ widthPx: 480, heightPx: 360, metal: 'silver', seed: 7 });
  });

  it("brings the piece's highlights to the look's L*, however the photo was exposed", async () => {
    for (const stops of [0, 0.7, 1.3]) {
      const dark = { image: underexpose(ring.image, stops), mask: ring.mask };
      const state = await runTone(dark);
      expect(measurePieceStatistics(state.image!, ring.mask)!.p95L, `${stops} stops under`).toBeCloseTo(96, 0);
    }
    const state = await runTone(ring, { highlightL: 88 });
    expect(measurePieceStatistics(state.image!, ring.mask)!.p95L).toBeCloseTo(88, 0);
  });

  it('keeps a dark stone dark: the median is not forced up to the highlights', async () => {
    // Half the piece a dark stone (L* ≈ 25), half bright metal.
    const width = 64;
    const height = 64;
    const data = new Uint8ClampedArray(width * height * 4).fill(255);
    const mask = createMask(width, height);
    for (let i = 0; i < width * height; i++) {
      const isStone = i % width < 32;
      const v = isStone ? 60 : 150 + ((i * 37) % 60);
      data.set([v, v, v + 4, 255], i * 4);
      mask.data[i] = 255;
    }
    const state = await runTone({ image: { width, height, data }, mask });
    const after = measurePieceStatistics(state.image!, mask)!;
    expect(after.p95L).toBeCloseTo(96, 0);
    expect(after.medianL).toBeLessThan(60);
    const stone = state.image!.data[0];
    expect(stone).toBeLessThan(100);
  });

  it('adds contrast around the mid-tones without moving the highlights off target', async () => {
    const flat = await runTone(ring);
    const punchy = await runTone(ring, { contrast: 1.3 });
    const a = measurePieceStatistics(flat.image!, ring.mask)!;
    const b = measurePieceStatistics(punchy.image!, ring.mask)!;
    expect(b.p95L).toBeCloseTo(96, 0);
    expect(b.p95L - b.medianL).toBeGreaterThan(a.p95L - a.medianL);
  });

  it("applies the look's saturation to the piece", async () => {
    const gold = renderRingScene({ widthPx: 240, heightPx: 180, metal: 'gold', seed: 7 });
    const chromaOf = (image: RgbaImage) => {
      const stats = measurePieceStatistics(image, gold.mask)!;
      return Math.hypot(stats.meanA, stats.meanB);
    };
    const plain = chromaOf((await runTone(gold)).image!);
    const muted = chromaOf((await runTone(gold, { saturation: 0.5 })).image!);
    const vivid = chromaOf((await runTone(gold, { saturation: 1.3 })).image!);
    expect(muted).toBeLessThan(plain * 0.6);
    expect(vivid).toBeGreaterThan(plain * 1.1);
  });

  it('changes nothing at strength 0, and stops when aborted', async () => {
    const state = await runTone(ring, {}, 0);
    expect(Buffer.compare(Buffer.from(state.image!.data), Buffer.from(ring.image.data))).toBe(0);
    const controller = new AbortController();
    controller.abort();
    const ctx = createFakeStageContext({ signal: controller.signal });
    await expect(tone.run({ source, image: copyImage(ring.image), mask: ring.mask }, tone.defaults, ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
