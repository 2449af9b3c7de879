// Metal-aware toning in CIELAB: white metals neutral and crisp (their measured cast removed, pearls and pale stones keep their colour), yellow gold held in a warm gold hue band, rose gold in a pink-copper band.
import { computeHueDegrees } from './color-difference';
import { decodeSrgbToLinear, encodeLinearToSrgb, writeLabAsLinearRgb, writeLinearRgbAsLab } from './color-transfer';
import type { ColorTransform } from './color-lut-3d';
import { defaultWhiteMetalCastOptions, type WhiteMetalCast, type WhiteMetalCastOptions } from './metal-cast';
import type { MetalKind } from './metal-class';
import { smoothRampDown } from './ramp';

/** A hue band (CIELAB hue angle, degrees) that a metal's colour is pulled into, and the hues it acts on at all. */
export interface HueBand {
  /** The band: hues inside stay, hues outside are rotated to its nearer edge. */
  fromDeg: number;
  toDeg: number;
  /** Degrees beyond the band over which the pull still acts fully, and then fades out (stones of other hues are left alone). */
  reachDeg: number;
  fadeDeg: number;
}

export interface MetalToneOptions {
  /**
   * White metal without a measured cast: chroma up to which a colour is taken as a tinted metal and
   * neutralised (fully below `[0]`, fading out by `[1]`). Colour-only, so it also greys pearls.
   */
  neutralizeChroma: [number, number];
  /** White metal: share of its tint removed (0..1). */
  neutralizeAmount: number;
  /** White metal with a measured cast: chroma over which the cast's removal fades out (clearly coloured stones keep theirs). */
  castChroma: [number, number];
  /** White metal with a measured cast: L* over which its removal fades out (clipped highlights carry no cast). */
  castHighlightL: [number, number];
  /** White metal with a measured cast: chroma left after the cast's removal that is still squashed (the metal's faint residue; pearls and pale stones lie above it). */
  residualChroma: [number, number];
  /**
   * White metal with a measured cast: a*b* distance from the cast's own colour over which its full removal fades
   * (colours near it are the metal's); the fade is widened to 1.5× the removal, so pale colours are not stretched
   * apart. Farther colours (pearls, pale stones) lose the cast only as far as it is a light's: as far as the
   * backdrop around the piece shows it too (all of it when there is no backdrop to see).
   */
  castReach: [number, number];
  /**
   * Chroma of the backdrop around the piece up to which it is read as neutral, so that it shows the light (fully at or
   * below the first, not at all from the second). A coloured backdrop or clothes cannot tell a light's cast from the
   * metal's own reflection of them; pale colours then keep theirs.
   */
  surroundNeutralChroma: [number, number];
  /** Largest cast (chroma) removed; a larger measurement is scaled down to it. */
  maxCastChroma: number;
  /** How the white metal's cast is measured. */
  castEstimate: WhiteMetalCastOptions;
  /** White metal: slope of the L* S-curve at its mid-point (crispness; 1 = none). */
  whiteContrast: number;
  /** Yellow gold's band; greenish hues above it and orange below it are pulled in. */
  yellowBand: HueBand;
  /** Yellow gold: chroma multiplier for colours in its hue range (a touch of warmth back after white balance). */
  yellowVibrance: number;
  /**
   * Yellow gold: how pale a colour is (fully at or below the first chroma, not at all from the second). Pale
   * greenish colours are the gold's own highlights (mint after white balance), so on the green side they are pulled
   * in from farther out: `paleGreenReach` is the band's reach on that side for them (the larger of it and the
   * ordinary reach acts, weighted by paleness, so the pull changes smoothly with chroma). Green stones paler than the
   * second chroma are warmed a little too; more saturated ones are left as they are.
   */
  paleChroma: [number, number];
  paleGreenReach: { reachDeg: number; fadeDeg: number };
  /** Rose gold's band. */
  roseBand: HueBand;
  /** Chroma below which hue is noise and nothing is rotated (fully rotated above `[1]`). */
  hueChroma: [number, number];
}

export const defaultMetalToneOptions: MetalToneOptions = {
  neutralizeChroma: [7, 18],
  neutralizeAmount: 0.85,
  castChroma: [20, 32],
  castHighlightL: [92, 100],
  castReach: [2, 5],
  surroundNeutralChroma: [6, 12],
  residualChroma: [1.5, 4],
  maxCastChroma: 8,
  castEstimate: { ...defaultWhiteMetalCastOptions },
  whiteContrast: 1.06,
  yellowBand: { fromDeg: 72, toDeg: 90, reachDeg: 25, fadeDeg: 15 },
  yellowVibrance: 1.06,
  paleChroma: [8, 18],
  paleGreenReach: { reachDeg: 45, fadeDeg: 30 },
  roseBand: { fromDeg: 32, toDeg: 62, reachDeg: 20, fadeDeg: 15 },
  hueChroma: [3, 10],
};

/** Signed hue rotation (degrees) that pulls `hue` into `band`, times how much the band acts on that hue (0..1). */
function computeBandPull(hue: number, band: HueBand): { rotation: number; weight: number } {
  if (hue >= band.fromDeg && hue <= band.toDeg) return { rotation: 0, weight: 1 };
  const below = hue < band.fromDeg;
  const distance = below ? band.fromDeg - hue : hue - band.toDeg;
  const weight = smoothRampDown(distance, band.reachDeg, band.reachDeg + band.fadeDeg);
  return { rotation: below ? distance : -distance, weight };
}

/** How much (0..1) yellow gold's pale-green pull acts on a colour above its band: paleness times the wider reach. */
function computePaleGreenWeight(hue: number, chroma: number, band: HueBand, options: MetalToneOptions): number {
  if (hue <= band.toDeg) return 0;
  const { reachDeg, fadeDeg } = options.paleGreenReach;
  return smoothRampDown(hue - band.toDeg, reachDeg, reachDeg + fadeDeg) * smoothRampDown(chroma, options.paleChroma[0], options.paleChroma[1]);
}

/** A smooth S-curve on L* (0..100), slope `contrast` at 50, fixed at 0 and 100. */
function applyLightnessContrast(l: number, contrast: number): number {
  if (contrast === 1) return l;
  const x = Math.min(1, Math.max(0, l / 100));
  const out = x < 0.5 ? 0.5 * Math.pow(2 * x, contrast) : 1 - 0.5 * Math.pow(2 * (1 - x), contrast);
  return out * 100;
}

/** `cast` scaled down to at most `maxChroma`. */
function limitCast(cast: WhiteMetalCast, maxChroma: number): WhiteMetalCast {
  const chroma = Math.hypot(cast.a, cast.b);
  if (chroma <= maxChroma) return cast;
  const scale = maxChroma / chroma;
  return { ...cast, a: cast.a * scale, b: cast.b * scale };
}

/**
 * How much (0..1) of the metal's measured cast is a light's: the part of it a near-neutral backdrop around the piece
 * shows too (its projection on the cast), after white balance. A coloured surround (a pale-blue card, denim, skin)
 * tells nothing: 0, pale colours keep theirs. 1 when almost no backdrop shows (a piece filling the photo): then the
 * cast is taken as the light's.
 */
function computeLightShare(cast: WhiteMetalCast, neutralChroma: [number, number]): number {
  if (!cast.surround) return 1;
  const length2 = cast.a * cast.a + cast.b * cast.b;
  if (length2 < 1e-6) return 1;
  const trust = smoothRampDown(Math.hypot(cast.surround.a, cast.surround.b), neutralChroma[0], neutralChroma[1]);
  return trust * Math.min(1, Math.max(0, (cast.surround.a * cast.a + cast.surround.b * cast.b) / length2));
}

/**
 * The colour transform for a piece of `metal`, at `strength` 0..1 (0 = identity):
 * - white: the metal's tint removed and L* given a gentle S-curve. With `whiteCast` (from
 *   `estimateWhiteMetalCast`; null when it found no metal to measure), the measured cast is subtracted from
 *   the colours near it (scaled with L*, as a light's cast is), and from pearls and pale stones only as far as
 *   the backdrop around the piece shows it too (a light's cast, not the metal's own reflection); only the
 *   faint tint left after it is squashed, so pearls and pale stones keep their colour; without it (`undefined`), all
 *   colours up to `neutralizeChroma` are squashed toward grey, pearls included. Clearly coloured stones are
 *   left alone either way;
 * - yellow: hues outside the gold band are rotated into it (never green, never orange; pale greenish highlights
 *   from farther out), and gold hues get a little chroma;
 * - rose: hues rotated into the rose-gold band;
 * - mixed: the white metal's tint removed at half strength, and warm hues held in whichever band
 *   (`warmHueDeg`: the piece's mean warm hue) they belong to.
 */
export function createMetalToneTransform(
  metal: MetalKind,
  strength: number,
  warmHueDeg = 80,
  options: MetalToneOptions = defaultMetalToneOptions,
  whiteCast?: WhiteMetalCast | null,
): ColorTransform {
  const lab = new Float64Array(3);
  const linear = new Float64Array(3);
  const s = Math.min(1, Math.max(0, strength));
  const [neutralFrom, neutralTo] = options.neutralizeChroma;
  const [castFrom, castTo] = options.castChroma;
  const [highlightFrom, highlightTo] = options.castHighlightL;
  const [residualFrom, residualTo] = options.residualChroma;
  const [hueFrom, hueTo] = options.hueChroma;
  const cast = whiteCast ? limitCast(whiteCast, options.maxCastChroma) : null;
  const lightShare = cast ? computeLightShare(cast, options.surroundNeutralChroma) : 1;
  // The removal fades out over at least 1.5× its own size, so no colour overtakes its neighbour (pale colours stay smooth).
  const reachFrom = options.castReach[0];
  const reachTo = cast
    ? Math.max(options.castReach[1], reachFrom + 1.5 * s * options.neutralizeAmount * Math.hypot(cast.a, cast.b))
    : options.castReach[1];
  const warmBand = warmHueDeg >= (options.roseBand.toDeg + options.yellowBand.fromDeg) / 2 ? options.yellowBand : options.roseBand;
  return (r, g, b, out) => {
    writeLinearRgbAsLab(decodeSrgbToLinear(r), decodeSrgbToLinear(g), decodeSrgbToLinear(b), lab);
    let [l, a, bb] = lab;
    const chroma = Math.hypot(a, bb);
    const hue = computeHueDegrees(a, bb);
    let newChroma = chroma;
    let newHue = hue;
    const hueWeight = 1 - smoothRampDown(chroma, hueFrom, hueTo);
    if (metal === 'white' || metal === 'mixed') {
      const amount = s * options.neutralizeAmount * (metal === 'mixed' ? 0.5 : 1);
      if (whiteCast === undefined) {
        newChroma = chroma * (1 - amount * smoothRampDown(chroma, neutralFrom, neutralTo));
      } else if (amount > 0) {
        let castA = a;
        let castB = bb;
        if (cast) {
          const lightScale = Math.min(1.5, Math.max(0.5, (l + 16) / (cast.lightness + 16)));
          const nearness = smoothRampDown(Math.hypot(a - lightScale * cast.a, bb - lightScale * cast.b), reachFrom, reachTo);
          const reach = lightShare + (1 - lightShare) * nearness;
          const share = amount * lightScale * reach * smoothRampDown(l, highlightFrom, highlightTo) * smoothRampDown(chroma, castFrom, castTo);
          castA -= share * cast.a;
          castB -= share * cast.b;
        }
        const residual = 1 - amount * smoothRampDown(Math.hypot(castA, castB), residualFrom, residualTo);
        castA *= residual;
        castB *= residual;
        if (castA !== a || castB !== bb) {
          newChroma = Math.hypot(castA, castB);
          newHue = (Math.atan2(castB, castA) * 180) / Math.PI;
        }
      }
      if (metal === 'white') l = l + s * (applyLightnessContrast(l, options.whiteContrast) - l);
    }
    const band = metal === 'yellow' ? options.yellowBand : metal === 'rose' ? options.roseBand : metal === 'mixed' ? warmBand : null;
    if (band) {
      const { rotation, weight } = computeBandPull(hue, band);
      const pullWeight = metal === 'yellow' ? Math.max(weight, computePaleGreenWeight(hue, chroma, band, options)) : weight;
      newHue += s * rotation * pullWeight * hueWeight;
      if (metal === 'yellow') newChroma *= 1 + s * (options.yellowVibrance - 1) * weight * hueWeight;
    }
    if (newChroma === chroma && newHue === hue && l === lab[0]) {
      out[0] = r;
      out[1] = g;
      out[2] = b;
      return;
    }
    const radians = (newHue * Math.PI) / 180;
    a = newChroma * Math.cos(radians);
    bb = newChroma * Math.sin(radians);
    writeLabAsLinearRgb(l, a, bb, linear);
    out[0] = encodeLinearToSrgb(linear[0]);
    out[1] = encodeLinearToSrgb(linear[1]);
    out[2] = encodeLinearToSrgb(linear[2]);
  };
}
