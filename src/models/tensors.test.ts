// Unit tests for ISNet tensor pre/post-processing on tiny generated images.
import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../core/image';
import { imageToIsnetInput, isnetOutputToMask } from './tensors';

function createImageFrom(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** Deterministic 0..255 noise (xorshift32). */
function createNoiseImage(width: number, height: number, seed: number): RgbaImage {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) & 255;
  };
  return createImageFrom(width, height, () => [next(), next(), next()]);
}

/** Reads channel c at (x, y) back to 0..255 from the normalized NCHW tensor. */
function readChannel(tensor: Float32Array, size: number, c: number, x: number, y: number): number {
  return tensor[c * size * size + y * size + x] * 256 + 128;
}

/** Direct 2-D evaluation of the documented filter (triangle, half-pixel centres, widened when shrinking). */
function resampleReference(image: RgbaImage, size: number, c: number, x: number, y: number): number {
  const tap = (i: number, source: number) => {
    const scale = source / size;
    const filterScale = Math.max(1, scale);
    const center = (i + 0.5) * scale;
    return (j: number) => Math.max(0, 1 - Math.abs((j + 0.5 - center) / filterScale));
  };
  const wx = tap(x, image.width);
  const wy = tap(y, image.height);
  let sum = 0;
  let total = 0;
  for (let j = 0; j < image.height; j++) {
    for (let i = 0; i < image.width; i++) {
      const w = wx(i) * wy(j);
      sum += w * image.data[(j * image.width + i) * 4 + c];
      total += w;
    }
  }
  return sum / total;
}

describe('imageToIsnetInput', () => {
  it('lays out planes R, G, B in NCHW order with value = (v − 128) / 256', () => {
    const image = createImageFrom(2, 2, (x, y) => [10 + x + 2 * y, 100 + x + 2 * y, 200 + x + 2 * y]);
    const tensor = imageToIsnetInput(image, 2);
    expect(tensor).toHaveLength(3 * 2 * 2);
    expect(Array.from(tensor)).toEqual(
      [10, 11, 12, 13, 100, 101, 102, 103, 200, 201, 202, 203].map((v) => (v - 128) / 256),
    );
  });

  it('maps 0, 128 and 255 to −0.5, 0 and 0.49609375', () => {
    const image = createImageFrom(3, 1, () => [0, 128, 255]);
    const tensor = imageToIsnetInput(image, 4);
    for (let i = 0; i < 16; i++) {
      expect(tensor[i]).toBe(-0.5);
      expect(tensor[16 + i]).toBe(0);
      expect(tensor[32 + i]).toBe(0.49609375);
    }
  });

  it('ignores alpha', () => {
    const image = createImageFrom(4, 4, (x, y) => [x * 50, y * 50, 90]);
    const transparent = { ...image, data: image.data.map((v, i) => (i % 4 === 3 ? 0 : v)) };
    expect(imageToIsnetInput(transparent, 8)).toEqual(imageToIsnetInput(image, 8));
  });

  it('is exact at the same size', () => {
    const image = createNoiseImage(8, 8, 7);
    const tensor = imageToIsnetInput(image, 8);
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 64; i++) expect(readChannel(tensor, 8, c, i % 8, Math.floor(i / 8))).toBeCloseTo(image.data[i * 4 + c], 4);
    }
  });

  it('enlarges bilinearly with half-pixel centres and repeated edges', () => {
    const image = createImageFrom(2, 1, (x) => [x === 0 ? 0 : 200, 0, 0]);
    const tensor = imageToIsnetInput(image, 4);
    const expected = [0, 50, 150, 200];
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) expect(readChannel(tensor, 4, 0, x, y)).toBeCloseTo(expected[x], 4);
    }
  });

  it('stretches a non-square photo to the full square (aspect ratio not kept)', () => {
    const image = createImageFrom(8, 2, (x) => (x < 4 ? [255, 0, 0] : [0, 0, 255]));
    const tensor = imageToIsnetInput(image, 8);
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        expect(readChannel(tensor, 8, 0, x, y)).toBeCloseTo(x < 4 ? 255 : 0, 4);
        expect(readChannel(tensor, 8, 2, x, y)).toBeCloseTo(x < 4 ? 0 : 255, 4);
      }
    }
  });

  it('matches a direct 2-D evaluation of the filter when shrinking and enlarging by odd factors', () => {
    for (const [image, size] of [
      [createNoiseImage(37, 23, 3), 16],
      [createNoiseImage(5, 7, 11), 16],
      [createNoiseImage(64, 9, 5), 12],
    ] as const) {
      const tensor = imageToIsnetInput(image, size);
      for (let c = 0; c < 3; c++) {
        for (let y = 0; y < size; y++) {
          for (let x = 0; x < size; x++) {
            expect(readChannel(tensor, size, c, x, y)).toBeCloseTo(resampleReference(image, size, c, x, y), 3);
          }
        }
      }
    }
  });

  it('averages rather than aliases when shrinking: a 1 px checkerboard becomes mid grey', () => {
    const image = createImageFrom(64, 64, (x, y) => ((x + y) % 2 === 0 ? [0, 0, 0] : [255, 255, 255]));
    const tensor = imageToIsnetInput(image, 16);
    for (let y = 1; y < 15; y++) {
      for (let x = 1; x < 15; x++) expect(Math.abs(readChannel(tensor, 16, 1, x, y) - 127.5)).toBeLessThan(0.01);
    }
    // Edge pixels lose the taps beyond the border, so they may lean a little either way.
    for (let x = 0; x < 16; x++) expect(Math.abs(readChannel(tensor, 16, 1, x, 0) - 127.5)).toBeLessThan(20);
  });

  it('keeps a linear ramp linear and the mean brightness unchanged when shrinking', () => {
    const image = createImageFrom(60, 30, (x) => [x * 4, 0, 0]);
    const tensor = imageToIsnetInput(image, 20);
    // Interior columns: the source ramp value at the destination pixel's centre, (x + 0.5) · 3 − 0.5, times 4.
    for (let x = 1; x < 19; x++) expect(readChannel(tensor, 20, 0, x, 10)).toBeCloseTo(((x + 0.5) * 3 - 0.5) * 4, 3);
    const noise = createNoiseImage(50, 40, 9);
    const small = imageToIsnetInput(noise, 10);
    let sourceMean = 0;
    for (let i = 0; i < 50 * 40; i++) sourceMean += noise.data[i * 4 + 2] / (50 * 40);
    let tensorMean = 0;
    for (let i = 0; i < 100; i++) tensorMean += (small[200 + i] * 256 + 128) / 100;
    expect(Math.abs(tensorMean - sourceMean)).toBeLessThan(2);
  });

  it('rejects empty images and bad sizes', () => {
    expect(() => imageToIsnetInput({ width: 0, height: 4, data: new Uint8ClampedArray(0) }, 4)).toThrow(RangeError);
    expect(() => imageToIsnetInput(createNoiseImage(2, 2, 1), 0)).toThrow(RangeError);
    expect(() => imageToIsnetInput(createNoiseImage(2, 2, 1), 2.5)).toThrow(RangeError);
  });
});

describe('isnetOutputToMask', () => {
  it('maps 0..1 to 0..255, clamps out-of-range values and zeroes NaN', () => {
    const output = new Float32Array([0, 0.5, 1, -0.2, 1.3, Number.NaN, 0.2, 0.998, 0.001]);
    const mask = isnetOutputToMask(output, 3);
    expect(mask.width).toBe(3);
    expect(mask.height).toBe(3);
    expect(Array.from(mask.data)).toEqual([0, 128, 255, 0, 255, 0, 51, 254, 0]);
  });

  it('does not stretch a faint output (no min-max normalization)', () => {
    const mask = isnetOutputToMask(new Float32Array([0.01, 0.02, 0.03, 0.04]), 2);
    expect(Math.max(...mask.data)).toBeLessThanOrEqual(10);
  });

  it('rejects an output of the wrong length', () => {
    expect(() => isnetOutputToMask(new Float32Array(10), 3)).toThrow(RangeError);
  });
});
