// A generated photo of a ring seen at an angle (tilted band with a see-through hole, optional stone in prongs) with its exact mask.
import type { Mask, RgbaImage } from '../../src/core/image';
import { castShadow, compositeScene, type BackdropKind } from './backdrop';
import type { Rgb } from './patterns';
import {
  computeBump,
  computeEdgeCoverage,
  createPieceLayer,
  measureCapsuleDistance,
  measureEllipseDistance,
  paintShapeInPlace,
  shadeMetal,
  type Metal,
  type ShadedColor,
} from './piece-layer';
import { createRandom, hashLattice, sampleValueNoise } from './random';

/** A generated photo and its ground truth. */
export interface Scene {
  image: RgbaImage;
  /**
   * Exact coverage of the piece, 0..255: 255 inside, 0 on the backdrop (the ring's hole, the shadow),
   * anti-aliased values on the 1 px edge. The photo is exactly `piece·m + backdrop·(1 − m)` with m = mask/255.
   */
  mask: Mask;
}

/** What every generated scene can be asked for. */
export interface SceneOptions {
  widthPx?: number;
  heightPx?: number;
  /** Drives every random choice (shape, highlights, backdrop texture). */
  seed?: number;
  metal?: Metal;
  backdrop?: BackdropKind;
  /** Mean backdrop colour, sRGB 0..255. */
  backdropRgb?: Rgb;
  /** The piece's size over the image's shorter side, 0..1 (ring: outer diameter; chain: pendant). */
  pieceSize?: number;
  /** Centre of the piece (ring: band; chain: pendant), 0..1 of width and height. */
  centerX?: number;
  centerY?: number;
}

export interface RingSceneOptions extends SceneOptions {
  /** A round stone held by thin prongs above the back of the band. */
  hasStone?: boolean;
}

/** Renders a shaded metal ring on a textured, tinted backdrop with a soft contact shadow (not in the mask). */
export function renderRingScene(options: RingSceneOptions = {}): Scene {
  const width = options.widthPx ?? 640;
  const height = options.heightPx ?? 480;
  const seed = options.seed ?? 1;
  const metal = options.metal ?? 'silver';
  const random = createRandom(seed);

  const radius = ((options.pieceSize ?? 0.55) * Math.min(width, height)) / 2;
  const cx = (options.centerX ?? 0.5) * width;
  const cy = (options.centerY ?? 0.55) * height;
  const tilt = 0.36 + 0.12 * random(); // cos of the viewing angle: vertical squash of the circles
  const ry = radius * tilt;
  const bandPx = radius * (0.17 + 0.06 * random()); // projected band height
  const innerRadius = radius * (0.86 - 0.04 * random());
  const innerRy = innerRadius * tilt;
  const topY = cy - bandPx / 2;
  const bottomY = cy + bandPx / 2;
  const streakA = 0.42 + 0.18 * random();
  const streakB = -(0.5 + 0.2 * random());
  const faceHighlight = -2.2 + 0.6 * random();

  const layer = createPieceLayer(width, height);
  const shadeBand = (x: number, y: number, color: ShadedColor): number => {
    const dOuterTop = measureEllipseDistance(x, y, cx, topY, radius, ry);
    const dOuterBottom = measureEllipseDistance(x, y, cx, bottomY, radius, ry);
    const dSide = Math.max(Math.abs(x - cx) - radius, Math.abs(y - cy) - bandPx / 2);
    const dSilhouette = Math.min(dOuterTop, dOuterBottom, dSide);
    const dInnerTop = measureEllipseDistance(x, y, cx, topY, innerRadius, innerRy);
    const dHole = Math.max(dInnerTop, measureEllipseDistance(x, y, cx, bottomY, innerRadius, innerRy));
    const coverage = computeEdgeCoverage(Math.max(dSilhouette, -dHole));
    if (coverage <= 0) return 0;

    const u = Math.min(1, Math.max(-1, (x - cx) / radius));
    const facing = Math.sqrt(1 - u * u);
    // Outer front surface: the crescent below the top face.
    const v = Math.min(1, Math.max(0, (y - (topY + ry * facing)) / bandPx));
    let front = 0.3 + 0.3 * facing + 0.55 * computeBump(u, streakA, 0.07) + 0.35 * computeBump(u, streakB, 0.05);
    front += 0.25 * computeBump(v, 0.35, 0.18) * facing - 0.25 * v * v;
    front *= 0.55 + 0.45 * facing;
    // Top face: the flat annulus, a soft dome across it, lit from the top left.
    const q = Math.hypot((x - cx) / radius, (y - topY) / ry);
    const rho = Math.min(1, Math.max(0, (q - innerRadius / radius) / (1 - innerRadius / radius)));
    const phi = Math.atan2((y - topY) / ry, (x - cx) / radius);
    const dome = Math.sin(Math.PI * rho);
    const top = 0.5 + 0.22 * dome + 0.2 * Math.cos(phi + 2.36) + 0.45 * computeBump(phi, faceHighlight, 0.14) * dome;
    // Inner back wall, seen through the opening: darker, darkest at the hole's edge.
    const ui = Math.min(1, Math.max(-1, (x - cx) / innerRadius));
    const facingInner = Math.sqrt(1 - ui * ui);
    const vi = Math.min(1, Math.max(0, (y - (topY - innerRy * facingInner)) / bandPx));
    const inner = (0.4 - 0.3 * vi + 0.3 * computeBump(ui, -0.25, 0.1)) * (0.6 + 0.4 * facingInner);

    const inTop = computeEdgeCoverage(dOuterTop);
    const inInner = computeEdgeCoverage(dInnerTop);
    const grain = (sampleValueNoise(x / 1.5, y / 10, seed + 31) - 0.5) * 0.06;
    const intensity = (1 - inTop) * front + inTop * (1 - inInner) * top + inTop * inInner * inner + grain;
    shadeMetal(metal, intensity, color);
    return coverage;
  };
  paintShapeInPlace(layer, { x0: cx - radius - 2, y0: topY - ry - 2, x1: cx + radius + 2, y1: bottomY + ry + 2 }, shadeBand);

  if (options.hasStone ?? true) paintStoneInPlace(layer, { cx, backY: topY - ry, radius, metal, seed });

  const contact = castShadow(layer, { offsetXPx: radius * 0.03, offsetYPx: radius * 0.07, blurPx: radius * 0.04, opacity: 0.42 });
  const ambient = castShadow(layer, { offsetXPx: radius * 0.06, offsetYPx: radius * 0.12, blurPx: radius * 0.15, opacity: 0.22 });
  for (let i = 0; i < contact.length; i++) contact[i] = 1 - (1 - contact[i]) * (1 - ambient[i]);
  return compositeScene(layer, contact, {
    kind: options.backdrop ?? 'linen',
    rgb: options.backdropRgb ?? [222, 214, 200],
    seed: seed * 7 + 3,
  });
}

/** Paints a basket, a faceted round stone and four thin prongs above the back of the band. */
function paintStoneInPlace(
  layer: ReturnType<typeof createPieceLayer>,
  at: { cx: number; backY: number; radius: number; metal: Metal; seed: number },
): void {
  const { cx, backY, radius, metal, seed } = at;
  const stoneR = radius * 0.26;
  const stoneRy = stoneR * 0.9;
  const stoneY = backY - stoneR * 0.55;
  const basketY = backY + stoneR * 0.05;

  paintShapeInPlace(
    layer,
    { x0: cx - stoneR, y0: basketY - stoneR, x1: cx + stoneR, y1: basketY + stoneR },
    (x, y, color) => {
      const d = measureEllipseDistance(x, y, cx, basketY, stoneR * 0.5, stoneR * 0.4);
      const coverage = computeEdgeCoverage(d);
      if (coverage <= 0) return 0;
      const u = (x - cx) / (stoneR * 0.5);
      shadeMetal(metal, 0.3 + 0.35 * (1 - u * u) + 0.3 * computeBump(u, -0.4, 0.15), color);
      return coverage;
    },
  );

  paintShapeInPlace(
    layer,
    { x0: cx - stoneR - 2, y0: stoneY - stoneRy - 2, x1: cx + stoneR + 2, y1: stoneY + stoneRy + 2 },
    (x, y, color) => {
      const coverage = computeEdgeCoverage(measureEllipseDistance(x, y, cx, stoneY, stoneR, stoneRy));
      if (coverage <= 0) return 0;
      const dx = (x - cx) / stoneR;
      const dy = (y - stoneY) / stoneRy;
      const r = Math.hypot(dx, dy);
      const angle = Math.atan2(dy, dx);
      const sector = Math.floor(((angle + Math.PI) / (2 * Math.PI)) * 16);
      let t: number;
      if (r > 0.92) t = 0.35;
      else if (Math.max(Math.abs(dx), Math.abs(dy)) * 0.92 + Math.min(Math.abs(dx), Math.abs(dy)) * 0.4 < 0.48) {
        t = 0.7 + 0.2 * hashLattice(1, 2, seed);
      } else t = 0.25 + 0.7 * hashLattice(sector, Math.floor(r * 3), seed + 17);
      t += 0.5 * computeBump(dx, -0.3, 0.08) * computeBump(dy, -0.35, 0.08);
      t = Math.min(1, t);
      color.r = 60 + 188 * t;
      color.g = 68 + 182 * t;
      color.b = 84 + 171 * t;
      return coverage;
    },
  );

  const prongRadius = Math.max(1.1, radius * 0.018);
  const prongs: Array<[number, number, number, number]> = [];
  for (const degrees of [-125, -55, 35, 145]) {
    const a = (degrees * Math.PI) / 180;
    const tipX = cx + stoneR * 0.8 * Math.cos(a);
    const tipY = stoneY + stoneRy * 0.8 * Math.sin(a);
    if (degrees > 0) {
      prongs.push([cx + Math.sign(Math.cos(a)) * stoneR * 0.35, basketY + stoneR * 0.15, tipX, tipY]);
    } else {
      prongs.push([cx + stoneR * 1.08 * Math.cos(a), stoneY + stoneRy * 1.08 * Math.sin(a), tipX, tipY]);
    }
  }
  for (const [ax, ay, bx, by] of prongs) {
    paintShapeInPlace(
      layer,
      {
        x0: Math.min(ax, bx) - prongRadius - 2,
        y0: Math.min(ay, by) - prongRadius - 2,
        x1: Math.max(ax, bx) + prongRadius + 2,
        y1: Math.max(ay, by) + prongRadius + 2,
      },
      (x, y, color) => {
        const { distance, across } = measureCapsuleDistance(x, y, ax, ay, bx, by, prongRadius);
        const coverage = computeEdgeCoverage(distance);
        if (coverage <= 0) return 0;
        shadeMetal(metal, 0.35 + 0.55 * (1 - across * across), color);
        return coverage;
      },
    );
  }
}
