// Metal type of a piece (yellow, rose, white, mixed) from the hue and chroma of its mid-tone pixels in CIELAB.
import { computeHueDegrees, writeSrgbAsLab } from './color-difference';
import type { Mask, RgbaImage } from './image';

export type MetalKind = 'yellow' | 'rose' | 'white' | 'mixed';

/** How the piece's metal-like pixels split by colour (shares 0..1 of the metal-like pixels). */
export interface MetalComposition {
  /** Near-neutral pixels: silver, white gold, platinum, steel (and diamonds, pearls). */
  white: number;
  /** Yellow gold, brass, bronze hues. */
  yellow: number;
  /** Rose gold, copper hues. */
  rose: number;
  /** Share of all sampled piece pixels that were metal-like at all (the rest: stones, enamel, deep shadow, clipped). */
  metalShare: number;
  /** Mean hue (degrees 0..360) and chroma of the yellow and rose pixels together; 0 when none. */
  warmHueDeg: number;
  warmChroma: number;
  /** Piece pixels sampled. */
  count: number;
}

export interface MetalClassOptions {
  maxSamples: number;
  /** L* range of pixels that show the metal's colour (deep shadows and blown highlights carry none). */
  lightnessRange: [number, number];
  /** Chroma at or below which a pixel counts as white metal, and at or above which it counts fully as its hue's metal (a tinted white metal in between counts partly as each). */
  neutralChroma: number;
  warmChroma: number;
  /** Hue ranges (degrees) of rose and yellow metal, for pixels above `neutralChroma`: rose [from, to), yellow [to, yellowTo]. */
  roseFromDeg: number;
  roseToDeg: number;
  yellowToDeg: number;
  /** Chroma above which a pixel is a coloured stone or enamel rather than metal, per hue class. */
  maxMetalChroma: number;
}

export const defaultMetalClassOptions: MetalClassOptions = {
  maxSamples: 300_000,
  lightnessRange: [25, 96],
  neutralChroma: 8,
  warmChroma: 16,
  roseFromDeg: 15,
  roseToDeg: 62,
  yellowToDeg: 102,
  maxMetalChroma: 75,
};

/** Measures the colour make-up of the piece's metal-like pixels (mask ≥ 250), on a subsample. */
export function measureMetalComposition(image: RgbaImage, mask: Mask, options: MetalClassOptions = defaultMetalClassOptions): MetalComposition {
  const { width, height, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`measureMetalComposition: mask is ${mask.width}×${mask.height}, image is ${width}×${height}`);
  }
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / Math.max(1, options.maxSamples))));
  const lab = new Float64Array(3);
  let count = 0;
  let white = 0;
  let yellow = 0;
  let rose = 0;
  let sumA = 0;
  let sumB = 0;
  const [minL, maxL] = options.lightnessRange;
  for (let y = step >> 1; y < height; y += step) {
    for (let x = step >> 1; x < width; x += step) {
      const i = y * width + x;
      if (mask.data[i] < 250) continue;
      count++;
      const p = i * 4;
      writeSrgbAsLab(data[p], data[p + 1], data[p + 2], lab);
      if (lab[0] < minL || lab[0] > maxL) continue;
      const chroma = Math.hypot(lab[1], lab[2]);
      if (chroma <= options.neutralChroma) {
        white++;
        continue;
      }
      if (chroma > options.maxMetalChroma) continue;
      const hue = computeHueDegrees(lab[1], lab[2]);
      const isRose = hue >= options.roseFromDeg && hue < options.roseToDeg;
      if (!isRose && !(hue >= options.roseToDeg && hue <= options.yellowToDeg)) continue;
      const warmth = Math.min(1, (chroma - options.neutralChroma) / (options.warmChroma - options.neutralChroma));
      white += 1 - warmth;
      if (isRose) rose += warmth;
      else yellow += warmth;
      sumA += warmth * lab[1];
      sumB += warmth * lab[2];
    }
  }
  const metal = white + yellow + rose;
  const warm = yellow + rose;
  const warmHueDeg = warm > 0 ? computeHueDegrees(sumA / warm, sumB / warm) : 0;
  return {
    white: metal > 0 ? white / metal : 0,
    yellow: metal > 0 ? yellow / metal : 0,
    rose: metal > 0 ? rose / metal : 0,
    metalShare: count > 0 ? metal / count : 0,
    warmHueDeg,
    warmChroma: warm > 0 ? Math.hypot(sumA, sumB) / warm : 0,
    count,
  };
}

/**
 * The piece's metal from its composition: white when warm-hued metal pixels are few; mixed when near-neutral
 * pixels still dominate a piece with a real share of warm metal (two-tone, or white metal with gold accents);
 * otherwise yellow or rose, whichever warm hue has more pixels. Diamonds, pearls and blown highlights count
 * as "white", so a gold ring set with stones keeps a sizeable white share and is still yellow.
 */
export function classifyMetal(composition: MetalComposition): MetalKind {
  const warm = composition.yellow + composition.rose;
  if (warm < 0.3) return 'white';
  if (composition.white >= 0.6) return 'mixed';
  return composition.yellow >= composition.rose ? 'yellow' : 'rose';
}
