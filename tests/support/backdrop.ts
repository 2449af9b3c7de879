// Photo-like backdrops for generated scenes (linen, wood, paper), a soft contact shadow, and the final composite.
import { createImage, createMask, type Mask, type RgbaImage } from '../../src/core/image';
import type { PieceLayer } from './piece-layer';
import type { Rgb } from './patterns';
import { hashLattice, sampleFractalNoise, sampleValueNoise } from './random';

/** studio: a seamless sweep (no texture, faint blotches), like a light-box or studio packshot. */
export type BackdropKind = 'linen' | 'wood' | 'paper' | 'studio';

export interface BackdropOptions {
  kind: BackdropKind;
  /** Mean backdrop colour, sRGB 0..255. */
  rgb: Rgb;
  seed: number;
}

export interface ShadowOptions {
  /** Offset of the shadow from the piece, px. */
  offsetXPx: number;
  offsetYPx: number;
  /** Blur radius, px (three box passes of this radius). */
  blurPx: number;
  /** 0..1: how much the backdrop darkens under a fully covered point. */
  opacity: number;
}

/** Box-blurs a plane in place with `passes` passes (≈ Gaussian); running sums, edges clamped. */
function blurPlaneInPlace(plane: Float32Array, width: number, height: number, radius: number, passes: number): void {
  const r = Math.max(1, Math.round(radius));
  const line = new Float32Array(Math.max(width, height));
  for (let pass = 0; pass < passes; pass++) {
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) line[x] = plane[row + x];
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += line[Math.min(width - 1, Math.max(0, k))];
      for (let x = 0; x < width; x++) {
        plane[row + x] = sum / (2 * r + 1);
        sum += line[Math.min(width - 1, x + r + 1)] - line[Math.max(0, x - r)];
      }
    }
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) line[y] = plane[y * width + x];
      let sum = 0;
      for (let k = -r; k <= r; k++) sum += line[Math.min(height - 1, Math.max(0, k))];
      for (let y = 0; y < height; y++) {
        plane[y * width + x] = sum / (2 * r + 1);
        sum += line[Math.min(height - 1, y + r + 1)] - line[Math.max(0, y - r)];
      }
    }
  }
}

/** The shadow cast by the piece: its coverage shifted and blurred, 0..1 darkening per pixel. */
export function castShadow(layer: PieceLayer, options: ShadowOptions): Float32Array {
  const { width, height } = layer;
  const shadow = new Float32Array(width * height);
  const dx = Math.round(options.offsetXPx);
  const dy = Math.round(options.offsetYPx);
  for (let y = 0; y < height; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= height) continue;
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      if (sx < 0 || sx >= width) continue;
      shadow[y * width + x] = layer.data[(sy * width + sx) * 4 + 3] / 255;
    }
  }
  blurPlaneInPlace(shadow, width, height, options.blurPx, 3);
  for (let i = 0; i < shadow.length; i++) shadow[i] = Math.min(1, shadow[i] * 1.6) * options.opacity;
  return shadow;
}

/** Backdrop brightness factor (≈ 1) at pixel (x, y): texture, lighting gradient from the top left, vignette. */
function sampleBackdropShade(x: number, y: number, width: number, height: number, options: BackdropOptions): number {
  const scale = Math.min(width, height);
  const nx = x / scale;
  const ny = y / scale;
  const blotch = (sampleFractalNoise(nx * 6, ny * 6, options.seed, 3) - 0.5) * (options.kind === 'studio' ? 0.2 : 1);
  let texture = 0;
  if (options.kind === 'linen') {
    const period = Math.max(3, scale / 180);
    const wobble = sampleValueNoise(nx * 40, ny * 40, options.seed + 7) * 2;
    const warp = Math.sin((2 * Math.PI * x) / period + wobble);
    const weft = Math.sin((2 * Math.PI * y) / period + wobble * 0.7);
    const slub = sampleValueNoise(x / (period * 6), y / (period * 0.8), options.seed + 11) - 0.5;
    texture = 0.035 * warp * weft + 0.05 * slub;
  } else if (options.kind === 'wood') {
    const warp = sampleFractalNoise(nx * 2, ny * 8, options.seed + 5, 2) * 6;
    const grain = Math.sin(2 * Math.PI * (ny * 30 + warp));
    const fibres = sampleValueNoise(x / 40, y / 1.5, options.seed + 9) - 0.5;
    texture = 0.035 * grain + 0.05 * fibres;
  } else if (options.kind === 'paper') {
    texture = 0.02 * (sampleValueNoise(x / 2, y / 2, options.seed + 3) - 0.5);
  }
  const cx = x / width - 0.5;
  const cy = y / height - 0.5;
  const lighting = 1 + 0.1 * (-cx * 0.6 - cy * 0.8);
  const vignette = 1 - 0.28 * (cx * cx + cy * cy) * 2;
  return (1 + 0.08 * blotch + texture) * lighting * vignette;
}

/**
 * Renders the backdrop, darkens it by `shadow`, and puts the piece layer over it:
 * `image = piece colour (premultiplied) + (1 − coverage)·backdrop`, `mask = coverage` (0..255, anti-aliased).
 */
export function compositeScene(layer: PieceLayer, shadow: Float32Array | null, options: BackdropOptions): { image: RgbaImage; mask: Mask } {
  const { width, height } = layer;
  const image = createImage(width, height);
  const mask = createMask(width, height);
  const [tr, tg, tb] = options.rgb;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const i = p * 4;
      const shade = sampleBackdropShade(x, y, width, height, options) * (1 - (shadow ? shadow[p] : 0));
      const grain = (hashLattice(x, y, options.seed + 101) - 0.5) * 5;
      const keep = 1 - layer.data[i + 3] / 255;
      image.data[i] = layer.data[i] + keep * (tr * shade + grain);
      image.data[i + 1] = layer.data[i + 1] + keep * (tg * shade + grain);
      image.data[i + 2] = layer.data[i + 2] + keep * (tb * shade + grain);
      image.data[i + 3] = 255;
      mask.data[p] = layer.data[i + 3];
    }
  }
  return { image, mask };
}
