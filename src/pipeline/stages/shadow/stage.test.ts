import { beforeAll, describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderChainScene, renderRingScene, type Scene } from '../../../../tests/support/images';
import { measureBackgroundPurity, measureFillError } from '../../../quality';
import { renderShadowedBackground } from '../../../core/shadow';
import type { Look } from '../../look';
import { findLookPreset } from '../../look-presets';
import type { PipelineState } from '../../stage';
import { compose } from '../compose/stage';
import { renderLookBackground } from '../compose/layout';
import { frame } from '../frame/stage';
import { shadow } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

async function frameComposeShadow(scene: Scene, look: Look): Promise<PipelineState> {
  const ctx = createFakeStageContext({ look });
  let state: PipelineState = { source, image: scene.image, mask: scene.mask };
  state = await frame.run(state, frame.defaults, ctx);
  state = await compose.run(state, compose.defaults, ctx);
  return shadow.run(state, shadow.defaults, ctx);
}

describe('frame → compose → shadow with the presets', () => {
  let ring: Scene;
  beforeAll(() => {
    ring = renderRingScene({ widthPx: 800, heightPx: 600, seed: 3, metal: 'gold', backdrop: 'paper', backdropRgb: [90, 170, 90] });
  });

  it.each(['amazon', 'etsy', 'shopify', 'ebay', 'dark-luxury'])('%s: right size, fill within ±1 point, background exactly the look outside piece and shadow', async (id) => {
    const look = findLookPreset(id)!.look;
    const state = await frameComposeShadow(ring, look);
    const output = state.output!;
    expect([output.width, output.height]).toEqual([look.output.widthPx, look.output.heightPx]);
    expect(Math.abs(measureFillError(state.outputAlpha!, look.framing.fill)!.errorPoints)).toBeLessThanOrEqual(1);
    const canvas = renderShadowedBackground(renderLookBackground(look), state.shadowMap ?? null, look.shadow.opacity);
    expect(measureBackgroundPurity(output, state.outputAlpha!, canvas).purity).toBe(1);
    expect(measureBackgroundPurity(output, state.outputAlpha!, canvas, { exclusionMask: state.shadowMap }).purity).toBe(1);
    expect(state.shadowMap === undefined).toBe(look.shadow.kind === 'none');
  });

  it('Amazon: every pixel outside the piece is exactly 255,255,255', async () => {
    const state = await frameComposeShadow(ring, findLookPreset('amazon')!.look);
    expect(measureBackgroundPurity(state.output!, state.outputAlpha!, [255, 255, 255]).purity).toBe(1);
  });

  it('Etsy: a contact shadow darkens the background just under the piece', async () => {
    const look = findLookPreset('etsy')!.look;
    const state = await frameComposeShadow(ring, look);
    const { output, outputAlpha } = state;
    // Lowest piece row in the middle column band, then look a little below it.
    const x = Math.round(state.placement!.targetX);
    let bottom = 0;
    for (let y = 0; y < output!.height; y++) if (outputAlpha!.data[y * output!.width + x] > 127) bottom = y;
    let darkest = 255;
    for (let y = bottom + 1; y < bottom + 40; y++) darkest = Math.min(darkest, output!.data[(y * output!.width + x) * 4]);
    expect(darkest).toBeLessThan(242 - 20);
    expect(Array.from(output!.data.subarray(0, 3))).toEqual([242, 240, 236]);
  });

  it('keeps the fill within ±1 point for a pendant whose 1 px chain runs off the photo', async () => {
    const chain = renderChainScene({ widthPx: 1600, heightPx: 1200, seed: 4, metal: 'gold', linkWidthPx: 1.2 });
    const look = findLookPreset('white')!.look;
    const state = await frameComposeShadow(chain, look);
    expect(Math.abs(measureFillError(state.outputAlpha!, look.framing.fill)!.errorPoints)).toBeLessThanOrEqual(1);
  });
});
