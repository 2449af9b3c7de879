import { describe, expect, it } from 'vitest';
import { createImage, type RgbaImage } from './image';
import { planUpscaleTiles, upscaleByTiles, type UpscaleTileRunner } from './tiled-upscale';

/** A stand-in model with a reach of one pixel: a 3×3 box mean (edges clamped), then each pixel repeated `factor`× each way. */
function createBlurThenRepeat(factor: number): UpscaleTileRunner {
  return async (planar, width, height) => {
    const plane = width * height;
    const out = new Float32Array(3 * plane * factor * factor);
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < height * factor; y++) {
        for (let x = 0; x < width * factor; x++) {
          const sx = Math.floor(x / factor);
          const sy = Math.floor(y / factor);
          let sum = 0;
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const qx = Math.min(width - 1, Math.max(0, sx + dx));
              const qy = Math.min(height - 1, Math.max(0, sy + dy));
              sum += planar[c * plane + qy * width + qx];
            }
          }
          out[c * plane * factor * factor + y * width * factor + x] = sum / 9;
        }
      }
    }
    return out;
  };
}

function createNoiseImage(width: number, height: number, seed: number): RgbaImage {
  const image = createImage(width, height);
  let state = seed;
  for (let i = 0; i < image.data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    image.data[i] = (i & 3) === 3 ? 255 : state >>> 24;
  }
  return image;
}

describe('planUpscaleTiles', () => {
  it('covers every pixel by exactly one core, each inside its tile and the tile within the size and the image', () => {
    for (const [width, height, side, overlap] of [
      [100, 70, 32, 4],
      [33, 200, 50, 12],
      [5, 5, 160, 12],
    ]) {
      const covered = new Uint8Array(width * height);
      for (const { input, core } of planUpscaleTiles(width, height, side, overlap)) {
        expect(input.width).toBeLessThanOrEqual(side);
        expect(input.height).toBeLessThanOrEqual(side);
        expect(input.x).toBeGreaterThanOrEqual(0);
        expect(input.x + input.width).toBeLessThanOrEqual(width);
        expect(core.x - input.x).toBe(Math.min(overlap, core.x));
        for (let y = core.y; y < core.y + core.height; y++) for (let x = core.x; x < core.x + core.width; x++) covered[y * width + x]++;
      }
      expect(covered.every((count) => count === 1)).toBe(true);
    }
  });

  it('refuses a tile with no room for a core', () => {
    expect(() => planUpscaleTiles(10, 10, 24, 12)).toThrow(RangeError);
  });
});

describe('upscaleByTiles', () => {
  it('stitches tiles into exactly the picture one whole run gives, when the overlap covers the model’s reach', async () => {
    const image = createNoiseImage(45, 31, 9);
    const runner = createBlurThenRepeat(3);
    const whole = await upscaleByTiles(image, { factor: 3, tileSidePx: 64, overlapPx: 0 }, runner);
    const fractions: number[] = [];
    const tiled = await upscaleByTiles(image, { factor: 3, tileSidePx: 12, overlapPx: 2 }, runner, (f) => fractions.push(f));
    expect(tiled.width).toBe(135);
    expect(tiled.height).toBe(93);
    expect(Array.from(tiled.data)).toEqual(Array.from(whole.data));
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions.at(-1)).toBe(1);
  });

  it('shows seams when the overlap is too small for the model (so the test above has teeth)', async () => {
    const image = createNoiseImage(45, 31, 9);
    const runner = createBlurThenRepeat(2);
    const whole = await upscaleByTiles(image, { factor: 2, tileSidePx: 64, overlapPx: 0 }, runner);
    const tiled = await upscaleByTiles(image, { factor: 2, tileSidePx: 12, overlapPx: 0 }, runner);
    expect(Array.from(tiled.data)).not.toEqual(Array.from(whole.data));
  });

  it('writes into a larger picture at an offset, RGB only, and refuses a place where the result does not fit', async () => {
    const image = createNoiseImage(10, 6, 4);
    const runner = createBlurThenRepeat(2);
    const alone = await upscaleByTiles(image, { factor: 2, tileSidePx: 8, overlapPx: 2 }, runner);
    const into = createImage(30, 20, [7, 7, 7, 99]);
    const result = await upscaleByTiles(image, { factor: 2, tileSidePx: 8, overlapPx: 2 }, runner, undefined, { into, x: 5, y: 3 });
    expect(result).toBe(into);
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 30; x++) {
        const inside = x >= 5 && x < 25 && y >= 3 && y < 15;
        const pixel = Array.from(into.data.subarray((y * 30 + x) * 4, (y * 30 + x) * 4 + 4));
        const expected = inside ? [...alone.data.subarray(((y - 3) * 20 + x - 5) * 4, ((y - 3) * 20 + x - 5) * 4 + 3), 99] : [7, 7, 7, 99];
        expect(pixel, `(${x}, ${y})`).toEqual(expected);
      }
    }
    await expect(upscaleByTiles(image, { factor: 2, tileSidePx: 8, overlapPx: 2 }, runner, undefined, { into, x: 11, y: 0 })).rejects.toThrow(RangeError);
  });

  it('rejects a model answer of the wrong size', async () => {
    const image = createNoiseImage(8, 8, 1);
    await expect(upscaleByTiles(image, { factor: 2, tileSidePx: 16, overlapPx: 2 }, async () => new Float32Array(5))).rejects.toThrow(/returned 5 values/);
  });
});
