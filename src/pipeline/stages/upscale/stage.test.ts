import { describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene } from '../../../../tests/support/images';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { AppError } from '../../errors';
import type { StageContext } from '../../stage';
import { compose } from '../compose/stage';
import { frame } from '../frame/stage';
import { upscale } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

/** A stand-in for the model (its own test runs the real one): each pixel repeated 4× each way, so the geometry can be checked exactly. */
const repeatFourTimes: StageContext['infer'] = async (_modelId, input, dims) => {
  const [, , height, width] = dims;
  const plane = width * height;
  const out = new Float32Array(3 * plane * 16);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < height * 4; y++) {
      for (let x = 0; x < width * 4; x++) out[c * plane * 16 + y * width * 4 + x] = input[c * plane + (y >> 2) * width + (x >> 2)];
    }
  }
  return out;
};

describe('upscale stage', () => {
  // A 200 px ring in a 400 px photo: the 2000 px white look enlarges it about 8×.
  const ring = renderRingScene({ widthPx: 400, heightPx: 300, seed: 5, metal: 'gold', backdrop: 'paper', backdropRgb: [90, 170, 90], pieceSize: 0.5 });

  it('hands compose an enlarged copy that it places exactly where it would place the photo', async () => {
    const asked: number[][] = [];
    const ctx = createFakeStageContext({
      infer: (modelId, input, dims) => {
        expect(modelId).toBe('esrgan-x4');
        asked.push([...dims]);
        return repeatFourTimes(modelId, input, dims);
      },
    });
    const framed = await frame.run({ source, image: ring.image, mask: ring.mask }, frame.defaults, ctx);
    expect(framed.placement!.scale).toBeGreaterThan(upscale.defaults.minEnlargement);
    const upscaled = await upscale.run(framed, upscale.defaults, ctx);
    const { enlarged } = upscaled;
    expect(enlarged).toBeDefined();
    expect(enlarged!.factor).toBe(4);
    expect([enlarged!.image.width, enlarged!.mask.width]).toEqual([enlarged!.region.width * 4, enlarged!.region.width * 4]);
    // Tiles no larger than the model's tile side; the photo and its mask are left as they were for the mask's own uses.
    expect(asked.length).toBeGreaterThan(1);
    for (const [, channels, height, width] of asked) expect([channels, height <= 160, width <= 160]).toEqual([3, true, true]);
    expect(upscaled.image).toBe(ring.image);
    expect(upscaled.mask).toBe(ring.mask);
    expect(upscaled.upscale).toEqual({ by: 'model', factor: 4 });

    const plain = await compose.run(framed, compose.defaults, ctx);
    const sharp = await compose.run(upscaled, compose.defaults, ctx);
    const plainBox = computeMaskBoundingBox(plain.outputAlpha!, 127)!;
    const sharpBox = computeMaskBoundingBox(sharp.outputAlpha!, 127)!;
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(sharpBox[key] - plainBox[key]), key).toBeLessThanOrEqual(3);
    // Compose hands on its placement in the photo's pixels either way, and lets the enlarged copy go.
    expect(sharp.enlarged).toBeUndefined();
    for (const key of ['scale', 'sourceX', 'sourceY', 'targetX', 'targetY'] as const) expect(sharp.placement![key], key).toBeCloseTo(plain.placement![key], 1);
    // Same picture but for the edges' resampling: the mean difference is a fraction of a level.
    let difference = 0;
    for (let i = 0; i < plain.output!.data.length; i++) difference += Math.abs(plain.output!.data[i] - sharp.output!.data[i]);
    expect(difference / plain.output!.data.length).toBeLessThan(1.5);
  });

  it('leaves a piece that needs less than 3× alone, and runs no model', async () => {
    const ctx = createFakeStageContext();
    const state = { source, image: ring.image, mask: ring.mask, placement: { scale: 2.9, sourceX: 200, sourceY: 160, targetX: 1000, targetY: 1000, box: { x: 120, y: 100, width: 160, height: 90 } } };
    expect(await upscale.run(state, upscale.defaults, ctx)).toBe(state);
  });

  it('places a tiny piece and a piece cut by the photo edge where compose would place the photo', async () => {
    const ctx = createFakeStageContext({ infer: repeatFourTimes });
    for (const scene of [
      renderRingScene({ widthPx: 400, heightPx: 300, seed: 8, metal: 'gold', backdrop: 'paper', backdropRgb: [90, 170, 90], pieceSize: 0.12 }),
      renderRingScene({ widthPx: 400, heightPx: 300, seed: 9, metal: 'gold', backdrop: 'paper', backdropRgb: [90, 170, 90], pieceSize: 0.5, centerX: 0.08, centerY: 0.9 }),
    ]) {
      const framed = await frame.run({ source, image: scene.image, mask: scene.mask }, frame.defaults, ctx);
      const upscaled = await upscale.run(framed, upscale.defaults, ctx);
      expect(upscaled.upscale).toEqual({ by: 'model', factor: 4 });
      const plain = computeMaskBoundingBox((await compose.run(framed, compose.defaults, ctx)).outputAlpha!, 127)!;
      const sharp = computeMaskBoundingBox((await compose.run(upscaled, compose.defaults, ctx)).outputAlpha!, 127)!;
      // Within a quarter of a photo pixel (the stand-in model's blocky edge against interpolation's), and 4 canvas px.
      const tolerance = Math.max(4, framed.placement!.scale / 4);
      for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(sharp[key] - plain[key]), `${key} at ${framed.placement!.scale.toFixed(1)}×`).toBeLessThanOrEqual(tolerance);
    }
  });

  it('enlarges by interpolation, and says why, when the piece is too large for the model or the model cannot run', async () => {
    const framed = await frame.run({ source, image: ring.image, mask: ring.mask }, frame.defaults, createFakeStageContext());
    const limited = await upscale.run(framed, { ...upscale.defaults, maxModelPixels: 10_000 }, createFakeStageContext({ infer: repeatFourTimes }));
    expect(limited.enlarged).toBeUndefined();
    expect(limited.upscale).toMatchObject({ by: 'interpolation', reason: expect.stringMatching(/too large for the upscaler/) });
    for (const failure of [new AppError('model-load-failed', 'The model esrgan-x4.onnx could not be downloaded.'), new AppError('inference-failed', 'The upscaler failed: out of memory')]) {
      const state = await upscale.run(framed, upscale.defaults, createFakeStageContext({ infer: () => Promise.reject(failure) }));
      expect(state.enlarged).toBeUndefined();
      expect(state.upscale).toEqual({ by: 'interpolation', reason: `The upscaler could not run (${failure.message}).` });
    }
  });

  it('stops when the job is cancelled', async () => {
    const controller = new AbortController();
    const ctx = createFakeStageContext({
      signal: controller.signal,
      infer: (modelId, input, dims) => {
        controller.abort();
        return repeatFourTimes(modelId, input, dims);
      },
    });
    const framed = await frame.run({ source, image: ring.image, mask: ring.mask }, frame.defaults, ctx);
    await expect(upscale.run(framed, upscale.defaults, ctx)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
