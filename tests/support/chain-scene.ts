// A generated photo of a thin chain (alternating face-on and edge-on links, 2–6 px wide) with a pendant, and its exact mask.
import { castShadow, compositeScene } from './backdrop';
import {
  computeBump,
  computeEdgeCoverage,
  createPieceLayer,
  measureCapsuleDistance,
  measureEllipseDistance,
  measureRotatedEllipseDistance,
  paintShapeInPlace,
  shadeMetal,
  type Metal,
  type PieceLayer,
} from './piece-layer';
import { createRandom, hashLattice } from './random';
import type { Scene, SceneOptions } from './ring-scene';

export interface ChainSceneOptions extends SceneOptions {
  /** Width of one link across the chain, px (2..6 looks like a fine necklace). */
  linkWidthPx?: number;
}

type Point = readonly [number, number];

function sampleCubic(p0: Point, p1: Point, p2: Point, p3: Point, t: number): Point {
  const s = 1 - t;
  const a = s * s * s;
  const b = 3 * s * s * t;
  const c = 3 * s * t * t;
  const d = t * t * t;
  return [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]];
}

/** Points every ~0.25 px along a cubic Bézier arm. */
function traceArm(p0: Point, p1: Point, p2: Point, p3: Point): Point[] {
  const approx = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]) + Math.hypot(p2[0] - p1[0], p2[1] - p1[1]) + Math.hypot(p3[0] - p2[0], p3[1] - p2[1]);
  const steps = Math.max(8, Math.ceil(approx * 4));
  const points: Point[] = [];
  for (let k = 0; k <= steps; k++) points.push(sampleCubic(p0, p1, p2, p3, k / steps));
  return points;
}

/** Paints links along a polyline, one every `spacingPx` of arc length, alternating face-on (with a hole) and edge-on. */
function paintLinksInPlace(layer: PieceLayer, points: Point[], linkWidthPx: number, metal: Metal, seed: number, firstIndex: number): number {
  const lengthPx = linkWidthPx * 2.4;
  const spacingPx = lengthPx * 0.78;
  const wirePx = Math.max(0.9, linkWidthPx * 0.3);
  let index = firstIndex;
  let travelled = 0;
  let nextAt = 0;
  for (let k = 1; k < points.length; k++) {
    const [ax, ay] = points[k - 1];
    const [bx, by] = points[k];
    const step = Math.hypot(bx - ax, by - ay);
    while (travelled + step >= nextAt) {
      const f = step > 0 ? (nextAt - travelled) / step : 0;
      const x = ax + (bx - ax) * f;
      const y = ay + (by - ay) * f;
      paintLinkInPlace(layer, x, y, Math.atan2(by - ay, bx - ax), index, { lengthPx, linkWidthPx, wirePx, metal, seed });
      index++;
      nextAt += spacingPx;
    }
    travelled += step;
  }
  return index;
}

function paintLinkInPlace(
  layer: PieceLayer,
  x: number,
  y: number,
  angle: number,
  index: number,
  link: { lengthPx: number; linkWidthPx: number; wirePx: number; metal: Metal; seed: number },
): void {
  const { lengthPx, linkWidthPx, wirePx, metal, seed } = link;
  const half = lengthPx / 2 + 2;
  const box = { x0: x - half, y0: y - half, x1: x + half, y1: y + half };
  const sparkle = hashLattice(index, 0, seed + 41);
  const lit = 0.5 + 0.35 * Math.cos(angle * 2 + 1);
  if (index % 2 === 0) {
    const rx = lengthPx / 2;
    const ry = linkWidthPx / 2;
    const hasHole = ry - wirePx >= 0.5;
    paintShapeInPlace(layer, box, (px, py, color) => {
      const dOuter = measureRotatedEllipseDistance(px, py, x, y, rx, ry, angle);
      const dHole = hasHole ? measureRotatedEllipseDistance(px, py, x, y, rx - wirePx, ry - wirePx, angle) : -Infinity;
      const coverage = computeEdgeCoverage(Math.max(dOuter, -dHole));
      if (coverage <= 0) return 0;
      const across = hasHole ? Math.min(1, Math.max(0, -dOuter / wirePx)) : Math.min(1, Math.max(0, -dOuter / ry));
      const dome = Math.sin(Math.PI * across);
      shadeMetal(metal, 0.25 + 0.35 * lit + 0.3 * dome + 0.3 * sparkle * dome, color);
      return coverage;
    });
  } else {
    const radius = Math.max(0.7, linkWidthPx * 0.22);
    const reach = lengthPx / 2 - radius;
    const cos = Math.cos(angle) * reach;
    const sin = Math.sin(angle) * reach;
    paintShapeInPlace(layer, box, (px, py, color) => {
      const { distance, across } = measureCapsuleDistance(px, py, x - cos, y - sin, x + cos, y + sin, radius);
      const coverage = computeEdgeCoverage(distance);
      if (coverage <= 0) return 0;
      shadeMetal(metal, 0.3 + 0.3 * lit + 0.35 * (1 - across * across) + 0.25 * sparkle, color);
      return coverage;
    });
  }
}

/** Paints a domed round pendant with a rim and a faceted blue stone, hung from a bail. */
function paintPendantInPlace(layer: PieceLayer, cx: number, cy: number, radius: number, wirePx: number, metal: Metal, seed: number): Point {
  const bailRy = radius * 0.3;
  const bailRx = bailRy * 0.7;
  const bailY = cy - radius - bailRy * 0.6;
  paintShapeInPlace(layer, { x0: cx - bailRx - 2, y0: bailY - bailRy - 2, x1: cx + bailRx + 2, y1: bailY + bailRy + 2 }, (x, y, color) => {
    const dOuter = measureEllipseDistance(x, y, cx, bailY, bailRx, bailRy);
    const dHole = measureEllipseDistance(x, y, cx, bailY, bailRx - wirePx * 1.5, bailRy - wirePx * 1.5);
    const coverage = computeEdgeCoverage(Math.max(dOuter, -dHole));
    if (coverage <= 0) return 0;
    const across = Math.min(1, Math.max(0, -dOuter / (wirePx * 1.5)));
    shadeMetal(metal, 0.35 + 0.45 * Math.sin(Math.PI * across) + 0.2 * computeBump(x - cx, -bailRx * 0.5, bailRx * 0.3), color);
    return coverage;
  });

  const stoneSector = (angle: number, r: number): number => hashLattice(Math.floor(((angle + Math.PI) / (2 * Math.PI)) * 12), Math.floor(r * 2.5), seed + 23);
  paintShapeInPlace(layer, { x0: cx - radius - 2, y0: cy - radius - 2, x1: cx + radius + 2, y1: cy + radius + 2 }, (x, y, color) => {
    const coverage = computeEdgeCoverage(measureEllipseDistance(x, y, cx, cy, radius, radius));
    if (coverage <= 0) return 0;
    const dx = (x - cx) / radius;
    const dy = (y - cy) / radius;
    const r = Math.hypot(dx, dy);
    const angle = Math.atan2(dy, dx);
    if (r < 0.45) {
      const t = 0.2 + 0.6 * stoneSector(angle, r / 0.45) + 0.6 * computeBump(dx, -0.12, 0.05) * computeBump(dy, -0.15, 0.05);
      color.r = 20 + 110 * t;
      color.g = 40 + 130 * t;
      color.b = 110 + 145 * Math.min(1, t);
      return coverage;
    }
    let t: number;
    if (r > 0.86) t = 0.45 + 0.35 * Math.cos(angle + 2.3) + 0.2 * computeBump(angle, 0.6, 0.2);
    else if (r < 0.52) t = 0.75; // bezel around the stone
    else t = 0.35 + 0.25 * (1 - r * r) + 0.45 * computeBump(dx + dy, -0.75, 0.18) + 0.15 * Math.cos(angle + 2.3);
    shadeMetal(metal, t, color);
    return coverage;
  });
  return [cx, bailY - bailRy + wirePx];
}

/** Renders a fine chain in a V from the top corners down to a pendant, on a textured backdrop with a soft shadow. */
export function renderChainScene(options: ChainSceneOptions = {}): Scene {
  const width = options.widthPx ?? 640;
  const height = options.heightPx ?? 480;
  const seed = options.seed ?? 1;
  const metal = options.metal ?? 'gold';
  const linkWidthPx = options.linkWidthPx ?? 4;
  const random = createRandom(seed);
  const wirePx = Math.max(0.9, linkWidthPx * 0.3);
  const radius = ((options.pieceSize ?? 0.16) * Math.min(width, height)) / 2;
  const px = (options.centerX ?? 0.5) * width;
  const py = (options.centerY ?? 0.7) * height;

  const layer = createPieceLayer(width, height);
  const bottom: Point = [px, py - radius - radius * 0.3 * 1.6 + wirePx];
  const jitter = (): number => (random() - 0.5) * 0.06;
  const leftEnd: Point = [width * (0.1 + jitter()), height * (0.1 + jitter())];
  const rightEnd: Point = [width * (0.9 + jitter()), height * (0.1 + jitter())];
  const left = traceArm(
    leftEnd,
    [width * (0.14 + jitter()), height * (0.5 + jitter())],
    [px - width * (0.18 + jitter()), bottom[1] - height * 0.02],
    bottom,
  );
  const right = traceArm(
    bottom,
    [px + width * (0.18 + jitter()), bottom[1] - height * 0.02],
    [width * (0.86 + jitter()), height * (0.5 + jitter())],
    rightEnd,
  );
  const next = paintLinksInPlace(layer, left, linkWidthPx, metal, seed, 0);
  paintLinksInPlace(layer, right, linkWidthPx, metal, seed, next);
  paintPendantInPlace(layer, px, py, radius, wirePx, metal, seed);

  const shadow = castShadow(layer, { offsetXPx: 2 + linkWidthPx * 0.4, offsetYPx: 3 + linkWidthPx * 0.6, blurPx: 1 + linkWidthPx * 0.5, opacity: 0.38 });
  return compositeScene(layer, shadow, {
    kind: options.backdrop ?? 'paper',
    rgb: options.backdropRgb ?? [214, 220, 226],
    seed: seed * 7 + 5,
  });
}
