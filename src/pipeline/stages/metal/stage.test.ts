import { beforeAll, describe, expect, it } from 'vitest';
import { applyCast, copyImage, measurePieceColor } from '../../../../tests/support/color-cast';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene, type Metal, type Scene } from '../../../../tests/support/images';
import type { RgbaImage } from '../../../core/image';
import { metal } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

async function toneMetal(scene: Scene, image: RgbaImage = scene.image, strength = 1) {
  const ctx = createFakeStageContext();
  const look = { ...ctx.look, strengths: { ...ctx.look.strengths, metal: strength } };
  return metal.run({ source, image: copyImage(image), mask: scene.mask }, metal.defaults, { ...ctx, look });
}

describe('metal stage', () => {
  const scenes = new Map<Metal, Scene>();
  beforeAll(() => {
    for (const kind of ['silver', 'gold', 'rose'] as const) {
      scenes.set(kind, renderRingScene({ widthPx: 480, heightPx: 360, metal: kind, seed: 6 }));
    }
  });

  it.each([
    ['silver', 'white'],
    ['gold', 'yellow'],
    ['rose', 'rose'],
  ] as const)('classifies a %s ring on linen as %s and records it', async (kind, expected) => {
    const state = await toneMetal(scenes.get(kind)!);
    expect(state.metal).toBe(expected);
  });

  it('keeps gold gold and rose rose (hue within 3°, chroma not lost)', async () => {
    for (const kind of ['gold', 'rose'] as const) {
      const scene = scenes.get(kind)!;
      const before = measurePieceColor(scene.image, scene.mask);
      const after = measurePieceColor((await toneMetal(scene)).image!, scene.mask);
      expect(Math.abs(after.hueDeg - before.hueDeg)).toBeLessThan(3);
      expect(after.chroma).toBeGreaterThan(before.chroma * 0.97);
    }
  });

  it('pulls an orange-looking gold back into the gold band', async () => {
    const scene = scenes.get('gold')!;
    const orange = applyCast(scene.image, [1, 0.9, 0.8]);
    const before = measurePieceColor(orange, scene.mask);
    const after = measurePieceColor((await toneMetal(scene, orange)).image!, scene.mask);
    expect(after.hueDeg).toBeGreaterThan(before.hueDeg + 1);
  });

  it('neutralises a faintly tinted silver ring, leaving the backdrop alone', async () => {
    const scene = scenes.get('silver')!;
    const tinted = applyCast(scene.image, [1, 0.98, 0.94]);
    const state = await toneMetal(scene, tinted);
    expect(state.metal).toBe('white');
    const before = measurePieceColor(tinted, scene.mask);
    const after = measurePieceColor(state.image!, scene.mask);
    expect(Math.abs(after.meanB)).toBeLessThan(Math.abs(before.meanB) * 0.5);
    for (let i = 0; i < scene.mask.data.length; i++) {
      if (scene.mask.data[i] !== 0) continue;
      expect(state.image!.data[i * 4]).toBe(tinted.data[i * 4]);
      if (i > 5000) break;
    }
  });

  it('classifies but changes nothing at strength 0, and stops when aborted', async () => {
    const scene = scenes.get('gold')!;
    const state = await toneMetal(scene, scene.image, 0);
    expect(state.metal).toBe('yellow');
    expect(Buffer.compare(Buffer.from(state.image!.data), Buffer.from(scene.image.data))).toBe(0);
    const controller = new AbortController();
    controller.abort();
    const ctx = createFakeStageContext({ signal: controller.signal });
    await expect(metal.run({ source, image: copyImage(scene.image), mask: scene.mask }, metal.defaults, ctx)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
