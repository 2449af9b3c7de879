// Node test: the shipped ESRGAN-slim ×4 upscaler (converted at install time) on onnxruntime-web's WASM backend: against
// the package's TF.js sample, and through the real tiling and the real upscale stage on a generated ring whose sharp
// original is known.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RgbaImage } from '../core/image';
import { resizeImage } from '../core/resize';
import { upscaleByTiles } from '../core/tiled-upscale';
import { upscale } from '../pipeline/stages/upscale/stage';
import { createFakeStageContext } from '../../tests/support/fake-context';
import { decodePng } from '../../tests/support/codecs';
import { renderRingScene } from '../../tests/support/ring-scene';
import { modelSpecs } from './manifest';

const modelPath = fileURLToPath(new URL(`../../public/models/${modelSpecs['esrgan-x4'].file}`, import.meta.url));
const slowMs = 180_000;

ort.env.wasm.numThreads = Math.max(1, Math.min(4, availableParallelism()));
ort.env.logLevel = 'error';

/** Peak signal-to-noise ratio (dB) of two same-sized images over RGB. */
function measurePsnr(a: RgbaImage, b: RgbaImage): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += (a.data[i + c] - b.data[i + c]) ** 2;
    count += 3;
  }
  return 10 * Math.log10((255 * 255) / (sum / count));
}

describe('ESRGAN-slim ×4 on onnxruntime-web WASM in Node', () => {
  let session: ort.InferenceSession;
  let runs = 0;
  const runTile = async (planar: Float32Array, width: number, height: number): Promise<Float32Array> => {
    runs++;
    const spec = modelSpecs['esrgan-x4'];
    const result = await session.run({ [spec.inputName]: new ort.Tensor('float32', planar, [1, 3, height, width]) }, [spec.outputName]);
    const output = result[spec.outputName];
    expect(output.dims).toEqual([1, 3, height * 4, width * 4]);
    return output.data as Float32Array;
  };

  beforeAll(async () => {
    if (!existsSync(modelPath)) throw new Error(`${modelPath} is missing: run \`npm run models\` first.`);
    session = await ort.InferenceSession.create(readFileSync(modelPath), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  }, slowMs);

  afterAll(async () => {
    await session?.release();
  });

  // The sharp original, the same at a quarter of the size, and that quarter enlarged back by the model and by interpolation.
  const scene = renderRingScene({ widthPx: 512, heightPx: 384, seed: 3, metal: 'silver', backdrop: 'paper', hasStone: true });
  const sharp = scene.image;
  const small = resizeImage(sharp, 128, 96, { filter: 'area' });

  /** Pixels within 3 px of the piece's outline (where the mask goes from under 25 % to over 75 %). */
  function findOutlineBand(): Uint8Array {
    const { width, height, data } = scene.mask;
    const band = new Uint8Array(width * height);
    for (let y = 3; y < height - 3; y++) {
      for (let x = 3; x < width - 3; x++) {
        let low = 255;
        let high = 0;
        for (let dy = -3; dy <= 3; dy++) {
          for (let dx = -3; dx <= 3; dx++) {
            const v = data[(y + dy) * width + x + dx];
            low = Math.min(low, v);
            high = Math.max(high, v);
          }
        }
        band[y * width + x] = low < 64 && high > 192 ? 1 : 0;
      }
    }
    return band;
  }

  /** Mean gradient magnitude (green, central differences) over the band: how crisp the outline is. */
  function measureEdgeContrast(image: RgbaImage, band: Uint8Array): number {
    const { width } = image;
    let sum = 0;
    let count = 0;
    for (let i = width + 1; i < band.length - width - 1; i++) {
      if (!band[i]) continue;
      sum += Math.hypot(image.data[(i + 1) * 4 + 1] - image.data[(i - 1) * 4 + 1], image.data[(i + width) * 4 + 1] - image.data[(i - width) * 4 + 1]);
      count++;
    }
    return sum / count;
  }

  it('enlarges a small photo with crisper outlines than bilinear interpolation, as faithfully', async () => {
    const started = performance.now();
    const enlarged = await upscaleByTiles(small, { factor: 4, tileSidePx: 160, overlapPx: 12 }, runTile);
    const ms = performance.now() - started;
    const bilinear = resizeImage(small, 512, 384, { filter: 'bilinear' });
    const band = findOutlineBand();
    const [original, model, interpolated] = [sharp, enlarged, bilinear].map((image) => measureEdgeContrast(image, band));
    const [modelPsnr, interpolatedPsnr] = [enlarged, bilinear].map((image) => measurePsnr(image, sharp));
    console.log(
      `esrgan-x4 on 128×96: ${Math.round(ms)} ms; outline contrast: original ${original.toFixed(1)}, model ${model.toFixed(1)}, bilinear ${interpolated.toFixed(1)}; ` +
        `PSNR against the original: model ${modelPsnr.toFixed(2)} dB, bilinear ${interpolatedPsnr.toFixed(2)} dB`,
    );
    // It gives back part of the contrast the quarter-size photo lost (bilinear keeps about half of the original's, the model two thirds) ...
    expect(model).toBeGreaterThan(1.15 * interpolated);
    expect(model).toBeLessThan(original);
    // ... without inventing what was not there.
    expect(modelPsnr).toBeGreaterThan(interpolatedPsnr - 0.25);
  }, slowMs);

  it('matches TensorFlow.js: the package’s own fixture comes out as its 4× sample within a level', async () => {
    const packageDir = fileURLToPath(new URL('../../node_modules/@upscalerjs/esrgan-slim/assets/', import.meta.url));
    const fixture = decodePng(readFileSync(`${packageDir}fixture.png`));
    const expected = decodePng(readFileSync(`${packageDir}samples/4x/result.png`));
    const enlarged = await upscaleByTiles(fixture, { factor: 4, tileSidePx: 160, overlapPx: 12 }, runTile);
    expect([enlarged.width, enlarged.height]).toEqual([expected.width, expected.height]);
    let maxDiff = 0;
    for (let i = 0; i < enlarged.data.length; i++) if ((i & 3) !== 3) maxDiff = Math.max(maxDiff, Math.abs(enlarged.data[i] - expected.data[i]));
    const psnr = measurePsnr(enlarged, expected);
    console.log(`against the package's TF.js sample: PSNR ${psnr.toFixed(1)} dB, largest difference ${maxDiff} levels`);
    expect(maxDiff).toBeLessThanOrEqual(1);
  }, slowMs);

  it('gives the same picture by tiles as in one run (the overlap covers the model’s reach)', async () => {
    const whole = await upscaleByTiles(small, { factor: 4, tileSidePx: 1024, overlapPx: 0 }, runTile);
    runs = 0;
    const tiled = await upscaleByTiles(small, { factor: 4, tileSidePx: 64, overlapPx: 12 }, runTile);
    expect(runs).toBeGreaterThan(4);
    let maxDiff = 0;
    for (let i = 0; i < whole.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(whole.data[i] - tiled.data[i]));
    expect(maxDiff).toBeLessThanOrEqual(1);
  }, slowMs);

  it('runs inside the upscale stage for a piece the framing enlarges, and leaves a large piece alone', async () => {
    const scene = renderRingScene({ widthPx: 400, heightPx: 300, seed: 2, metal: 'silver', backdrop: 'paper' });
    const ctx = createFakeStageContext({ infer: (_modelId, input, dims) => runTile(input, dims[3], dims[2]) });
    const placement = { scale: 8, sourceX: 200, sourceY: 165, targetX: 1000, targetY: 1000, box: { x: 90, y: 110, width: 220, height: 110 } };
    const state = await upscale.run({ source: new Blob(), image: scene.image, mask: scene.mask, placement }, upscale.defaults, ctx);
    expect(state.enlarged).toBeDefined();
    expect(state.enlarged!.placement.scale).toBe(2);
    expect(state.enlarged!.image.width).toBe(state.enlarged!.region.width * 4);
    const untouched = { source: new Blob(), image: scene.image, mask: scene.mask, placement: { ...placement, scale: 1.5 } };
    expect(await upscale.run(untouched, upscale.defaults, ctx)).toBe(untouched);
  }, slowMs);
});
