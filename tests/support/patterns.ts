// Tiny generated images for unit tests (STYLE.md §11): solid, gradient, checker, disc, noise; readable in a failure message.
import { createImage, createMask, type Mask, type RgbaImage } from '../../src/core/image';
import { createRandom } from './random';

/** sRGB triple, each 0..255. */
export type Rgb = readonly [number, number, number];

/** An image of one colour. */
export function solid(width: number, height: number, rgb: Rgb, alpha = 255): RgbaImage {
  return createImage(width, height, [rgb[0], rgb[1], rgb[2], alpha]);
}

/** A linear ramp from `from` (left or top) to `to` (right or bottom), opaque. */
export function gradient(
  width: number,
  height: number,
  from: Rgb = [0, 0, 0],
  to: Rgb = [255, 255, 255],
  direction: 'horizontal' | 'vertical' = 'horizontal',
): RgbaImage {
  const image = createImage(width, height);
  const span = Math.max(1, (direction === 'horizontal' ? width : height) - 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (direction === 'horizontal' ? x : y) / span;
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) image.data[i + c] = Math.round(from[c] + (to[c] - from[c]) * t);
      image.data[i + 3] = 255;
    }
  }
  return image;
}

/** A checkerboard of `cellPx` squares; the top-left cell is `a`. */
export function checker(width: number, height: number, cellPx = 4, a: Rgb = [0, 0, 0], b: Rgb = [255, 255, 255]): RgbaImage {
  const image = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb = (Math.floor(x / cellPx) + Math.floor(y / cellPx)) % 2 === 0 ? a : b;
      const i = (y * width + x) * 4;
      image.data[i] = rgb[0];
      image.data[i + 1] = rgb[1];
      image.data[i + 2] = rgb[2];
      image.data[i + 3] = 255;
    }
  }
  return image;
}

export interface DiscOptions {
  /** Outer radius over half the image's shorter side, 0..1. */
  outerRadius?: number;
  /** Hole radius over half the image's shorter side, 0..1; 0 for a solid disc. */
  innerRadius?: number;
  ringRgb?: Rgb;
  backdropRgb?: Rgb;
}

/** Coverage (0..1) of the annulus of `disc` at pixel (x, y): 1 px anti-aliased edges, by distance to the circles. */
function computeDiscCoverage(x: number, y: number, width: number, height: number, options: DiscOptions): number {
  const half = Math.min(width, height) / 2;
  const outer = (options.outerRadius ?? 0.7) * half;
  const inner = (options.innerRadius ?? 0.35) * half;
  const distance = Math.hypot(x + 0.5 - width / 2, y + 0.5 - height / 2);
  const insideOuter = Math.min(1, Math.max(0, outer - distance + 0.5));
  const insideInner = inner > 0 ? Math.min(1, Math.max(0, inner - distance + 0.5)) : 0;
  return Math.max(0, insideOuter - insideInner);
}

/** A bright ring (annulus) centred on a darker backdrop, anti-aliased; `discMask` gives its exact coverage. */
export function disc(width: number, height = width, options: DiscOptions = {}): RgbaImage {
  const ring = options.ringRgb ?? [235, 225, 200];
  const backdrop = options.backdropRgb ?? [60, 70, 90];
  const image = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const coverage = computeDiscCoverage(x, y, width, height, options);
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) image.data[i + c] = Math.round(ring[c] * coverage + backdrop[c] * (1 - coverage));
      image.data[i + 3] = 255;
    }
  }
  return image;
}

/** The coverage of `disc` with the same arguments, 0..255 (anti-aliased at the edges). */
export function discMask(width: number, height = width, options: DiscOptions = {}): Mask {
  const mask = createMask(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      mask.data[y * width + x] = Math.round(255 * computeDiscCoverage(x, y, width, height, options));
    }
  }
  return mask;
}

/** Uniform random grey-ish colour noise, opaque, deterministic from `seed`; each channel `mean ± amplitude`. */
export function noise(seed: number, width = 16, height = width, mean = 128, amplitude = 64): RgbaImage {
  const random = createRandom(seed);
  const image = createImage(width, height);
  for (let i = 0; i < image.data.length; i += 4) {
    image.data[i] = Math.round(mean + (random() * 2 - 1) * amplitude);
    image.data[i + 1] = Math.round(mean + (random() * 2 - 1) * amplitude);
    image.data[i + 2] = Math.round(mean + (random() * 2 - 1) * amplitude);
    image.data[i + 3] = 255;
  }
  return image;
}
