// The piece being drawn in a generated scene: premultiplied colour + coverage, painted shape by shape, back to front.
import type { Rgb } from './patterns';

/**
 * A premultiplied RGBA layer, 8-bit: `data[i+3]` is the piece's coverage (0..255) and `data[i..i+2]`
 * its colour already multiplied by that coverage. The finished scene is `colour + (1 − coverage)·backdrop`,
 * and the coverage is the scene's ground-truth mask, so photo and mask agree exactly (±0.5 rounding).
 */
export interface PieceLayer {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** What a shader writes for one pixel: its colour (0..255 per channel, not premultiplied). */
export interface ShadedColor {
  r: number;
  g: number;
  b: number;
}

/** Returns the coverage (0..1) of the shape at pixel centre (x, y) and writes its colour into `color`. */
export type Shader = (x: number, y: number, color: ShadedColor) => number;

export function createPieceLayer(width: number, height: number): PieceLayer {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** Paints a shape "over" the layer within the pixel box [x0, x1) × [y0, y1) (clipped to the layer). */
export function paintShapeInPlace(layer: PieceLayer, box: { x0: number; y0: number; x1: number; y1: number }, shade: Shader): void {
  const color: ShadedColor = { r: 0, g: 0, b: 0 };
  const x0 = Math.max(0, Math.floor(box.x0));
  const y0 = Math.max(0, Math.floor(box.y0));
  const x1 = Math.min(layer.width, Math.ceil(box.x1));
  const y1 = Math.min(layer.height, Math.ceil(box.y1));
  const data = layer.data;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const coverage = shade(x + 0.5, y + 0.5, color);
      if (coverage <= 0) continue;
      const c = Math.min(1, coverage);
      const i = (y * layer.width + x) * 4;
      const keep = 1 - c;
      data[i] = color.r * c + data[i] * keep;
      data[i + 1] = color.g * c + data[i + 1] * keep;
      data[i + 2] = color.b * c + data[i + 2] * keep;
      data[i + 3] = 255 * c + data[i + 3] * keep;
    }
  }
}

/** Coverage 0..1 from a signed distance in px (negative inside): a 1 px linear ramp, i.e. box-filtered edge. */
export function computeEdgeCoverage(signedDistancePx: number): number {
  return signedDistancePx <= -0.5 ? 1 : signedDistancePx >= 0.5 ? 0 : 0.5 - signedDistancePx;
}

/** Approximate signed distance (px, negative inside) to an axis-aligned ellipse; exact on the boundary to first order. */
export function measureEllipseDistance(x: number, y: number, cx: number, cy: number, rx: number, ry: number): number {
  const u = (x - cx) / rx;
  const v = (y - cy) / ry;
  const f = u * u + v * v - 1;
  const gx = (2 * u) / rx;
  const gy = (2 * v) / ry;
  const g = Math.hypot(gx, gy);
  if (g < 1e-9) return -Math.min(rx, ry);
  // f/|∇f| is the first-order distance; bound it inside so deep points stay clearly inside.
  return Math.max(f / g, -Math.min(rx, ry));
}

/** Signed distance (px) to a rotated ellipse; `angle` in radians. */
export function measureRotatedEllipseDistance(
  x: number,
  y: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  angle: number,
): number {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const dx = x - cx;
  const dy = y - cy;
  return measureEllipseDistance(dx * cos + dy * sin, -dx * sin + dy * cos, 0, 0, rx, ry);
}

/** Signed distance (px) to a capsule: the segment (ax, ay)–(bx, by) thickened by `radius`. Also returns `t` 0..1 along it. */
export function measureCapsuleDistance(
  x: number,
  y: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  radius: number,
): { distance: number; along: number; across: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / lengthSq)) : 0;
  const px = ax + dx * t - x;
  const py = ay + dy * t - y;
  const d = Math.hypot(px, py);
  return { distance: d - radius, along: t, across: radius > 0 ? Math.min(1, d / radius) : 0 };
}

export type Metal = 'silver' | 'gold' | 'rose';

const metalRamps: Record<Metal, ReadonlyArray<readonly [number, Rgb]>> = {
  silver: [
    [0, [34, 36, 40]],
    [0.35, [112, 115, 121]],
    [0.65, [188, 190, 195]],
    [0.88, [232, 233, 236]],
    [1, [255, 255, 255]],
  ],
  gold: [
    [0, [62, 38, 8]],
    [0.35, [146, 100, 30]],
    [0.65, [212, 166, 64]],
    [0.88, [244, 217, 135]],
    [1, [255, 250, 222]],
  ],
  rose: [
    [0, [70, 34, 30]],
    [0.35, [156, 92, 78]],
    [0.65, [218, 148, 128]],
    [0.88, [244, 203, 188]],
    [1, [255, 244, 238]],
  ],
};

/** Writes the colour of `metal` at shading intensity `t` (0 = deep shadow, 1 = specular white; clamped). */
export function shadeMetal(metal: Metal, t: number, color: ShadedColor): void {
  const ramp = metalRamps[metal];
  const v = Math.min(1, Math.max(0, t));
  let k = 1;
  while (k < ramp.length - 1 && ramp[k][0] < v) k++;
  const [t0, c0] = ramp[k - 1];
  const [t1, c1] = ramp[k];
  const f = (v - t0) / (t1 - t0);
  color.r = c0[0] + (c1[0] - c0[0]) * f;
  color.g = c0[1] + (c1[1] - c0[1]) * f;
  color.b = c0[2] + (c1[2] - c0[2]) * f;
}

/** A Gaussian bump, 0..1, for highlight streaks. */
export function computeBump(value: number, centre: number, width: number): number {
  const d = (value - centre) / width;
  return Math.exp(-d * d);
}
