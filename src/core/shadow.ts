// Synthetic shadows drawn from the piece's framed alpha: a contact shadow hugging its base or a soft drop shadow.
import { filterBoxMeanPlaneInPlace } from './box-filter';
import { createFloatPlane } from './float-plane';
import type { Mask, RgbaImage } from './image';
import { computeMaskBoundingBox } from './mask-ops';
import { resizeMask, resizePlane } from './resize';

export interface ShadowSpec {
  kind: 'contact' | 'drop';
  /** 0..1: darkness at the core. */
  opacity: number;
  /** Blur radius over the piece's longest side, 0..0.5. */
  softness: number;
  /** Offset over the piece's width and height. */
  offsetX: number;
  offsetY: number;
}

/** The shadow is worked out at 1/4 of the canvas (it is soft), then brought back to full size. */
const workScale = 4;
/** Contact: the lowest part of the silhouette that casts it, as a fraction of the piece's height. */
const contactBandFraction = 0.12;
/** Contact: a thin band blurs thin; this lifts its core back to full strength. */
const contactGain = 1.8;

/**
 * Shadow strength 0..255 per canvas pixel for the piece whose alpha on the canvas is `alpha`, or null when the
 * piece is empty. Deterministic: the same alpha and spec give the same map (the quality report redraws it from a
 * cut-out to know which background pixels are shadow). Cost: a few passes over a 1/16-size plane.
 */
export function renderShadowMap(alpha: Mask, spec: ShadowSpec): Mask | null {
  const box = computeMaskBoundingBox(alpha, 127);
  if (!box || spec.opacity <= 0) return null;
  const width = Math.max(1, Math.round(alpha.width / workScale));
  const height = Math.max(1, Math.round(alpha.height / workScale));
  const small = resizeMask(alpha, width, height, { filter: 'area' });
  const plane = createFloatPlane(width, height, 1);
  const dx = Math.round((spec.offsetX * box.width) / workScale);
  const dy = Math.round((spec.offsetY * box.height) / workScale);
  // Contact shadows come only from the silhouette's lowest band (its base); drop shadows from all of it.
  const bottom = (box.y + box.height) / workScale;
  const firstRow = spec.kind === 'contact' ? bottom - (contactBandFraction * box.height) / workScale : -Infinity;
  for (let y = 0; y < height; y++) {
    if (y < firstRow) continue;
    const ty = y + dy;
    if (ty < 0 || ty >= height) continue;
    for (let x = 0; x < width; x++) {
      const tx = x + dx;
      if (tx < 0 || tx >= width) continue;
      plane.data[ty * width + tx] = small.data[y * width + x] / 255;
    }
  }
  const radius = Math.max(1, Math.round((spec.softness * Math.max(box.width, box.height)) / workScale / 2));
  // Three box passes approximate a Gaussian.
  for (let pass = 0; pass < 3; pass++) filterBoxMeanPlaneInPlace(plane, radius);
  const gain = spec.kind === 'contact' ? contactGain : 1;
  for (let i = 0; i < plane.data.length; i++) plane.data[i] = Math.min(1, plane.data[i] * gain) * 255;
  const full = resizePlane(plane, alpha.width, alpha.height, { filter: 'bilinear' });
  const data = new Uint8Array(full.data.length);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(full.data[i]);
  return { width: alpha.width, height: alpha.height, data };
}

/**
 * Darkens the background share of every canvas pixel by the shadow: out −= (1 − a)·background·opacity·s, so the
 * piece stays on top and alpha-0 pixels become background·(1 − opacity·s). `background` is the canvas without
 * the piece (same size); `alpha` null means no piece at all. In place.
 */
export function applyShadowInPlace(image: RgbaImage, alpha: Mask | null, background: RgbaImage, shadowMap: Mask, opacity: number): void {
  const out = image.data;
  const bg = background.data;
  for (let i = 0; i < shadowMap.data.length; i++) {
    const s = shadowMap.data[i];
    if (s === 0) continue;
    const k = (1 - (alpha ? alpha.data[i] / 255 : 0)) * opacity * (s / 255);
    if (k <= 0) continue;
    const p = i * 4;
    out[p] -= bg[p] * k;
    out[p + 1] -= bg[p + 1] * k;
    out[p + 2] -= bg[p + 2] * k;
  }
}

/** The canvas without the piece: the background darkened by the shadow (what a cut-out is un-blended from). */
export function renderShadowedBackground(background: RgbaImage, shadowMap: Mask | null, opacity: number): RgbaImage {
  const image = { width: background.width, height: background.height, data: new Uint8ClampedArray(background.data) };
  if (shadowMap) applyShadowInPlace(image, null, background, shadowMap, opacity);
  return image;
}
