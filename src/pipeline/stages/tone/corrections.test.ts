// The colour stages together (white balance → metal → tone → brilliance), as the pipeline runs them, on generated rings.
import { describe, expect, it } from 'vitest';
import { applyCast, comparePieces, computeHueDifference, copyImage, measurePieceColor, shadeCast, tungstenCast } from '../../../../tests/support/color-cast';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene, type Metal, type Scene } from '../../../../tests/support/images';
import type { RgbaImage } from '../../../core/image';
import type { PipelineState } from '../../stage';
import { brilliance } from '../brilliance/stage';
import { metal } from '../metal/stage';
import { whiteBalance } from '../white-balance/stage';
import { tone } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

async function correct(scene: Scene, image: RgbaImage): Promise<PipelineState> {
  const ctx = createFakeStageContext();
  let state: PipelineState = { source, image: copyImage(image), mask: scene.mask };
  for (const stage of [whiteBalance, metal, tone, brilliance]) state = await stage.run(state, stage.defaults as never, ctx);
  return state;
}

const scenes = new Map<string, Scene>();
function sceneOf(kind: Metal, backdropRgb: [number, number, number]): Scene {
  const key = `${kind}:${backdropRgb.join(',')}`;
  let scene = scenes.get(key);
  if (!scene) {
    scene = renderRingScene({ widthPx: 480, heightPx: 360, metal: kind, backdropRgb, seed: 8 });
    scenes.set(key, scene);
  }
  return scene;
}

const greyCard: [number, number, number] = [228, 228, 230];
const linen: [number, number, number] = [222, 214, 200];

describe('white balance, metal, tone and brilliance together', () => {
  it.each([
    ['grey card', greyCard],
    ['warm linen', linen],
  ] as const)('a silver ring under tungsten on %s comes out within 3 ΔE00 of the uncast ring', async (_, backdrop) => {
    const scene = sceneOf('silver', backdrop);
    const reference = await correct(scene, scene.image);
    const state = await correct(scene, applyCast(scene.image, tungstenCast));
    expect(state.metal).toBe('white');
    // Against the uncast ring through the same stages (the tone stage re-exposes both alike).
    // Measured: 1.3 on grey card, 1.4 on linen (1.2 and 1.3 before the brilliance stage); the cast photo starts at 17.8. (Against the raw render it is 5.9:
    // the tone stage lifts this ring's highlights from L* ≈ 88 to the look's 96, cast or not.)
    expect(comparePieces(reference.image!, state.image!, scene.mask).meanDeltaE00).toBeLessThan(3);
  });

  it('a silver ring under open shade comes out within 3 ΔE00 of the uncast ring (measured 0.9)', async () => {
    const scene = sceneOf('silver', greyCard);
    const reference = await correct(scene, scene.image);
    const state = await correct(scene, applyCast(scene.image, shadeCast));
    expect(comparePieces(reference.image!, state.image!, scene.mask).meanDeltaE00).toBeLessThan(3);
  });

  it.each([
    ['gold', 'yellow'],
    ['rose', 'rose'],
  ] as const)('a %s ring stays %s: hue within ±5° of the uncast render, with or without a tungsten cast', async (kind, expected) => {
    for (const backdrop of [greyCard, linen]) {
      const scene = sceneOf(kind, backdrop);
      const uncast = measurePieceColor(scene.image, scene.mask);
      for (const image of [scene.image, applyCast(scene.image, tungstenCast)]) {
        const state = await correct(scene, image);
        expect(state.metal).toBe(expected);
        const color = measurePieceColor(state.image!, scene.mask);
        // Measured: within 2.0° for both metals, both backdrops, cast or not.
        expect(Math.abs(computeHueDifference(uncast.hueDeg, color.hueDeg)), `${kind} on ${backdrop.join(',')}`).toBeLessThan(5);
        expect(color.chroma).toBeGreaterThan(uncast.chroma * 0.8);
      }
    }
  });
});
