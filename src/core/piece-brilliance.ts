// Stone brilliance and crisp metal: local contrast on the piece (its facets and edges stand out against their
// surroundings) and vibrance on its coloured stones (chroma raised, hue kept), the piece's highlights left where the
// tone stage put them and warm colours (gold, rose gold, skin) never made more saturated.
import type { ColorTransform } from './color-lut-3d';
import { computeHueDegrees } from './color-difference';
import { decodeSrgbToLinear, encodeLinearToSrgb, writeLabAsLinearRgb, writeLinearRgbAsLab } from './color-transfer';
import { filterBoxMeanPlaneInPlace } from './box-filter';
import { createFloatPlane } from './float-plane';
import type { Mask, RgbaImage } from './image';
import { computeMaskBoundingBox } from './mask-ops';
import { rampUp, smoothRampDown } from './ramp';

export interface BrillianceOptions {
  /** Local contrast at full strength: a pixel's difference from its surroundings on the piece grows by this share. */
  clarity: number;
  /** How far "surroundings" reach: the blur's σ as a share of the piece's longer side. */
  blurSigmaShare: number;
  /**
   * The highlights are left where the tone stage put them: the local contrast fades out over this many luma levels
   * (a quarter of the piece's p95 luma if that is less) up to the piece's own 95th-percentile luma (or
   * `highlightCeiling`, if lower), and nothing is brightened past the fade's start, so no pixel climbs into the
   * highlights, whatever highlight target the look has. Ranked by luma, not L*: on the corpus the pieces' p95 L*
   * moved by 0.15 at most (`tests/bench/piece-shift.ts`).
   */
  highlightFadeWidth: number;
  highlightCeiling: number;
  /** Mask alpha (0..255) over which the local contrast fades in: soft edges keep their blend for edge clean-up. */
  alphaFade: [number, number];
  /** A pixel is darkened by at most this share of its luma. */
  maxDarkening: number;
  /** Chroma gain at full strength for the least saturated stones (C* at the top of `stoneChroma`). */
  vibrance: number;
  /** C* over which a colour starts to count as a stone's (below: white metal, diamond, greys). */
  stoneChroma: [number, number];
  /** C* over which the gain fades out, so vivid stones do not clip. */
  vividChroma: [number, number];
  /** CIELAB hues (degrees) left as they are: gold, rose gold, copper and skin (and so red, orange and yellow stones). */
  warmHues: [number, number];
  /** Degrees over which the warm hues' exclusion fades in and out. */
  warmHueFeather: number;
  /** Longer side of the plane the surroundings are measured on. */
  workingSidePx: number;
}

export const defaultBrillianceOptions: BrillianceOptions = {
  clarity: 0.35,
  blurSigmaShare: 0.012,
  highlightFadeWidth: 30,
  highlightCeiling: 245,
  alphaFade: [128, 250],
  maxDarkening: 0.25,
  vibrance: 0.3,
  stoneChroma: [8, 18],
  vividChroma: [45, 85],
  warmHues: [5, 105],
  warmHueFeather: 8,
  workingSidePx: 512,
};

/** 1 outside the warm hues, 0 inside, feathered at both ends. */
function computeStoneHueWeight(hueDeg: number, options: BrillianceOptions): number {
  const [from, to] = options.warmHues;
  const feather = options.warmHueFeather;
  // Hues just below 360° are just below the band's start (0° = 360°): measured from there, the weight has no jump.
  const hue = hueDeg > (from + 360 + to) / 2 ? hueDeg - 360 : hueDeg;
  if (hue <= from - feather || hue >= to + feather) return 1;
  if (hue >= from && hue <= to) return 0;
  return hue < from ? (from - hue) / feather : (hue - to) / feather;
}

function isInGamut(linear: Float64Array): boolean {
  return linear[0] >= 0 && linear[0] <= 1 && linear[1] >= 0 && linear[1] <= 1 && linear[2] >= 0 && linear[2] <= 1;
}

/**
 * Vibrance for stones, as a colour transform (bake it into a ColorLut3d): chroma raised most for moderately
 * coloured pixels, not at all for near-greys (white metal, diamonds) or warm hues, fading for vivid ones. The
 * CIELAB hue and lightness are kept: a colour the full gain would push out of sRGB gets the most that stays inside.
 */
export function createStoneVibranceTransform(strength: number, options: BrillianceOptions = defaultBrillianceOptions): ColorTransform {
  const lab = new Float64Array(3);
  const linear = new Float64Array(3);
  const s = Math.min(1, Math.max(0, strength));
  const [stoneFrom, stoneTo] = options.stoneChroma;
  const [vividFrom, vividTo] = options.vividChroma;
  return (r, g, b, out) => {
    writeLinearRgbAsLab(decodeSrgbToLinear(r), decodeSrgbToLinear(g), decodeSrgbToLinear(b), lab);
    const [l, a, bb] = lab;
    const chroma = Math.hypot(a, bb);
    const gain = s * options.vibrance * rampUp(chroma, stoneFrom, stoneTo) * smoothRampDown(chroma, vividFrom, vividTo) * computeStoneHueWeight(computeHueDegrees(a, bb), options);
    if (!(gain > 0)) {
      out[0] = r;
      out[1] = g;
      out[2] = b;
      return;
    }
    // The largest gain up to the wanted one that stays inside sRGB (bisection): clipping a channel would turn the hue.
    let low = 0;
    let high = gain;
    writeLabAsLinearRgb(l, a * (1 + high), bb * (1 + high), linear);
    if (!isInGamut(linear)) {
      for (let step = 0; step < 8; step++) {
        const mid = (low + high) / 2;
        writeLabAsLinearRgb(l, a * (1 + mid), bb * (1 + mid), linear);
        if (isInGamut(linear)) low = mid;
        else high = mid;
      }
      writeLabAsLinearRgb(l, a * (1 + low), bb * (1 + low), linear);
    }
    out[0] = encodeLinearToSrgb(linear[0]);
    out[1] = encodeLinearToSrgb(linear[1]);
    out[2] = encodeLinearToSrgb(linear[2]);
  };
}

/**
 * Local contrast on the piece, in place: each piece pixel's luma moves away from the mean luma of the piece
 * around it (a masked blur, so the backdrop never counts: no dark rim at the edge) by `strength · clarity`,
 * its colour scaled with it (chromaticity kept; never past 255 in any channel). The highlights (see
 * `highlightFadeWidth`) and soft edges are left alone. The surroundings are measured on a plane of at most `workingSidePx` over the piece's bounding box.
 * `onRows(fraction)` every 256 rows.
 */
export function applyLocalContrastInPlace(
  image: RgbaImage,
  mask: Mask,
  strength: number,
  options: BrillianceOptions = defaultBrillianceOptions,
  onRows?: (fraction: number) => void,
): void {
  const amount = Math.min(1, Math.max(0, strength)) * options.clarity;
  const box = computeMaskBoundingBox(mask, options.alphaFade[0] - 1);
  if (!(amount > 0) || !box) return;
  const { width } = image;
  const pixels = image.data;
  const alpha = mask.data;
  // Rec. 601 luma of the pixel at byte offset q.
  const lumaAt = (q: number) => 0.299 * pixels[q] + 0.587 * pixels[q + 1] + 0.114 * pixels[q + 2];
  const factor = Math.max(1, Math.ceil(Math.max(box.width, box.height) / options.workingSidePx));
  const W = Math.ceil(box.width / factor);
  const H = Math.ceil(box.height / factor);
  // Two channels per working pixel: the sums of luma × weight and of weight, blurred together (normalised convolution).
  const plane = createFloatPlane(W, H, 2);
  const weightOf = (a: number) => rampUp(a, options.alphaFade[0] - 1, options.alphaFade[1]);
  const histogram = new Float64Array(256);
  let total = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    const row = ((y - box.y) / factor) | 0;
    for (let x = box.x; x < box.x + box.width; x++) {
      const p = y * width + x;
      const w = weightOf(alpha[p]);
      if (w === 0) continue;
      const luma = lumaAt(p * 4);
      const o = (row * W + (((x - box.x) / factor) | 0)) * 2;
      plane.data[o] += w * luma;
      plane.data[o + 1] += w;
      histogram[Math.round(luma)] += 1;
      total++;
    }
  }
  // Three box blurs of radius r make a Gaussian of σ = √(r(r + 1)), so r ≈ σ − ½.
  const sigma = (options.blurSigmaShare * Math.max(box.width, box.height)) / factor;
  const radius = Math.max(1, Math.round(sigma - 0.5));
  for (let pass = 0; pass < 3; pass++) filterBoxMeanPlaneInPlace(plane, radius);

  let p95Luma = 255;
  for (let level = 0, seen = 0; level < 256; level++) {
    seen += histogram[level];
    if (seen >= 0.95 * total) {
      p95Luma = level;
      break;
    }
  }
  const fadeTo = Math.min(options.highlightCeiling, p95Luma);
  // Narrower on a dark piece, so its facets are still brightened as well as darkened.
  const fadeFrom = fadeTo - Math.min(options.highlightFadeWidth, 0.25 * fadeTo);
  const data = plane.data;
  for (let y = box.y; y < box.y + box.height; y++) {
    if (onRows && (y - box.y) % 256 === 0) onRows((y - box.y) / box.height);
    const fy = Math.min(H - 1, Math.max(0, (y - box.y + 0.5) / factor - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(H - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = box.x; x < box.x + box.width; x++) {
      const p = y * width + x;
      const w = weightOf(alpha[p]);
      if (w === 0) continue;
      const fx = Math.min(W - 1, Math.max(0, (x - box.x + 0.5) / factor - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(W - 1, x0 + 1);
      const tx = fx - x0;
      const i00 = (y0 * W + x0) * 2;
      const i01 = (y0 * W + x1) * 2;
      const i10 = (y1 * W + x0) * 2;
      const i11 = (y1 * W + x1) * 2;
      const sum = (1 - ty) * ((1 - tx) * data[i00] + tx * data[i01]) + ty * ((1 - tx) * data[i10] + tx * data[i11]);
      const weight = (1 - ty) * ((1 - tx) * data[i00 + 1] + tx * data[i01 + 1]) + ty * ((1 - tx) * data[i10 + 1] + tx * data[i11 + 1]);
      if (!(weight > 1e-6)) continue;
      const q = p * 4;
      const luma = lumaAt(q);
      if (luma < 1) continue;
      let change = amount * w * smoothRampDown(luma, fadeFrom, fadeTo) * (luma - sum / weight);
      // Brightening closes at most half the gap to the fade's start: no pixel climbs into the highlights (the piece's
      // p95 stays), and pixels with the same surroundings keep their order below it (no flat shelf at the cap).
      if (change > 0) change = Math.min(change, Math.max(0, 0.5 * (fadeFrom - luma)));
      if (change === 0) continue;
      // No channel is pushed past 255: a clipped channel would shift the hue (gold towards green).
      const brightest = Math.max(pixels[q], pixels[q + 1], pixels[q + 2]);
      const scale = Math.min(255 / brightest, Math.max(1 - options.maxDarkening, (luma + change) / luma));
      pixels[q] = pixels[q] * scale;
      pixels[q + 1] = pixels[q + 1] * scale;
      pixels[q + 2] = pixels[q + 2] * scale;
    }
  }
  onRows?.(1);
}
