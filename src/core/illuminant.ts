// Colour-cast estimation from a photo's neutral evidence (its backdrop, the piece's bright unclipped pixels) and the von Kries gains that remove it.
import { smoothRampDown } from './ramp';
import { computeSrgbLuminance, srgbToLinearLut } from './color-difference';
import type { Mask, RgbaImage } from './image';

/**
 * A chromaticity in log space (linear light): `warm` = ½·ln(R/B) (> 0 yellow-orange, < 0 blue),
 * `green` = ln G − ½·ln(R·B) (> 0 green, < 0 magenta). A colour cast adds a constant to both for every pixel,
 * so casts add and cancel in these coordinates.
 */
export interface LogChroma {
  warm: number;
  green: number;
}

/** How a group of pixels sits in log chroma: its robust centre, how uniform it is, how many were sampled. */
export interface ChromaEvidence extends LogChroma {
  /** Median absolute deviation of `warm` and `green` (combined, root of the sum of squares), log units. */
  spread: number;
  /** Pixels sampled. */
  count: number;
}

export interface NeutralEvidence {
  /** Pixels outside the piece (mask 0), weighted by luminance. Null when too few. */
  backdrop: ChromaEvidence | null;
  /**
   * The brightest unclipped part of the backdrop (at least its top `brightBackdropFraction` by luminance, no channel
   * ≥ 250: a blown window or sweep shows no colour), weighted the same. On a busy scene (a piece on wood before a
   * white wall) this is the wall or card the light falls on. Null when too few.
   */
  brightBackdrop: ChromaEvidence | null;
  /**
   * The piece's brightest unclipped pixels (top `highlightFraction` by luminance, no channel ≥ 250), keeping
   * those that could be white metal when enough of them do. Null when too few.
   */
  highlights: ChromaEvidence | null;
}

export interface NeutralEvidenceOptions {
  /** Pixels sampled at most (a regular grid over the photo). */
  maxSamples: number;
  /** Share of the piece's unclipped pixels, by luminance from the top, taken as its highlights. 0..1. */
  highlightFraction: number;
  /** Fewest pixels a group needs to count as evidence. */
  minCount: number;
  /** Log-chroma distance from neutral, or from the backdrop's colour, within which a highlight may be white metal. */
  neutralGate: number;
  /** Share of the highlights that must pass that gate for the gated set to be used (otherwise all are). */
  minNeutralShare: number;
  /** Share of the backdrop's lit, unclipped pixels, by luminance from the top, read as its bright part. 0..1. */
  brightBackdropFraction: number;
}

export const defaultNeutralEvidenceOptions: NeutralEvidenceOptions = {
  maxSamples: 400_000,
  highlightFraction: 0.12,
  minCount: 200,
  neutralGate: 0.3,
  minNeutralShare: 0.3,
  brightBackdropFraction: 0.25,
};

/** ln of linear light per 8-bit level (level 0 floored to half of level 1). */
const lnLinearLut: Float64Array = (() => {
  const lut = new Float64Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.log(Math.max(srgbToLinearLut[v], srgbToLinearLut[1] / 2));
  return lut;
})();


/** Log-chroma histogram range and resolution. */
const chromaMin = -3;
const chromaBins = 1200;
const chromaBinWidth = 6 / chromaBins;

function toChromaBin(value: number): number {
  const bin = Math.floor((value - chromaMin) / chromaBinWidth);
  return bin < 0 ? 0 : bin >= chromaBins ? chromaBins - 1 : bin;
}

/** Weighted histograms of warm and green, read out as medians and MADs. */
class ChromaAccumulator {
  readonly warm = new Float64Array(chromaBins);
  readonly green = new Float64Array(chromaBins);
  total = 0;
  count = 0;

  add(r: number, g: number, b: number, weight: number): void {
    const lr = lnLinearLut[r];
    const lg = lnLinearLut[g];
    const lb = lnLinearLut[b];
    this.warm[toChromaBin(0.5 * (lr - lb))] += weight;
    this.green[toChromaBin(lg - 0.5 * (lr + lb))] += weight;
    this.total += weight;
    this.count++;
  }

  read(minCount: number): ChromaEvidence | null {
    if (this.count < minCount || this.total <= 0) return null;
    const warm = readWeightedMedian(this.warm, this.total);
    const green = readWeightedMedian(this.green, this.total);
    const spreadWarm = readMedianDeviation(this.warm, this.total, warm);
    const spreadGreen = readMedianDeviation(this.green, this.total, green);
    return { warm, green, spread: Math.hypot(spreadWarm, spreadGreen), count: this.count };
  }
}

/** Median of a weighted histogram, interpolated within its bin. */
function readWeightedMedian(histogram: Float64Array, total: number): number {
  const half = total / 2;
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    const next = seen + histogram[bin];
    if (next >= half) {
      const within = histogram[bin] > 0 ? (half - seen) / histogram[bin] : 0.5;
      return chromaMin + (bin + within) * chromaBinWidth;
    }
    seen = next;
  }
  return chromaMin + chromaBins * chromaBinWidth;
}

/** Median absolute deviation of a weighted histogram around `centre`. */
function readMedianDeviation(histogram: Float64Array, total: number, centre: number): number {
  const deviations = new Float64Array(chromaBins);
  for (let bin = 0; bin < histogram.length; bin++) {
    if (histogram[bin] === 0) continue;
    const value = chromaMin + (bin + 0.5) * chromaBinWidth;
    deviations[Math.min(chromaBins - 1, Math.floor(Math.abs(value - centre) / chromaBinWidth))] += histogram[bin];
  }
  return readWeightedMedian(deviations, total) - chromaMin;
}

/** Luminance histogram resolution. */
const lumaBins = 2048;

function toLumaBin(luminance: number): number {
  return Math.min(lumaBins - 1, Math.floor(luminance * lumaBins));
}

/** Luminance (0..1) above which the top `wanted` pixels of a luminance histogram lie. */
function readTopShareThreshold(histogram: Float64Array, wanted: number): number {
  let bin = histogram.length;
  let above = 0;
  while (bin > 0 && above < wanted) above += histogram[--bin];
  return bin / histogram.length;
}

/** Grid step so that at most `maxSamples` pixels are visited. */
function computeSampleStep(width: number, height: number, maxSamples: number): number {
  return Math.max(1, Math.floor(Math.sqrt((width * height) / Math.max(1, maxSamples))));
}

/**
 * Gathers what the photo says about its light: the backdrop's chromaticity (pixels with mask 0, weighted by
 * luminance so lit surfaces count more than shadows), that of its brightest unclipped part, and that of the
 * piece's brightest unclipped pixels (mask ≥ 250). Statistics on a regular subsample; the image is not changed.
 */
export function measureNeutralEvidence(
  image: RgbaImage,
  mask: Mask,
  options: NeutralEvidenceOptions = defaultNeutralEvidenceOptions,
): NeutralEvidence {
  const { width, height, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`measureNeutralEvidence: mask is ${mask.width}×${mask.height}, image is ${width}×${height}`);
  }
  const step = computeSampleStep(width, height, options.maxSamples);
  const backdrop = new ChromaAccumulator();
  let backdropUnclipped = 0;
  // First pass: backdrop chroma, the luminance histograms of the backdrop and of the piece's unclipped pixels (for
  // the thresholds of the backdrop's bright part and of the piece's highlights).
  const pieceLuma = new Float64Array(lumaBins);
  const backdropLuma = new Float64Array(lumaBins);
  let pieceUnclipped = 0;
  for (let y = step >> 1; y < height; y += step) {
    for (let x = step >> 1; x < width; x += step) {
      const i = y * width + x;
      const p = i * 4;
      const r = data[p];
      const g = data[p + 1];
      const b = data[p + 2];
      const luminance = computeSrgbLuminance(r, g, b);
      const m = mask.data[i];
      if (m === 0) {
        if (luminance >= 0.02) {
          backdrop.add(r, g, b, luminance);
          if (r < 250 && g < 250 && b < 250) {
            backdropLuma[toLumaBin(luminance)]++;
            backdropUnclipped++;
          }
        }
      } else if (m >= 250 && luminance >= 0.02 && r < 250 && g < 250 && b < 250) {
        pieceLuma[toLumaBin(luminance)]++;
        pieceUnclipped++;
      }
    }
  }
  const threshold = readTopShareThreshold(pieceLuma, options.highlightFraction * pieceUnclipped);
  const brightThreshold = readTopShareThreshold(backdropLuma, options.brightBackdropFraction * backdropUnclipped);
  // Highlights that could be white metal: near neutral, or near the backdrop's colour (under a cast both move
  // together). Coloured stones and enamel fall outside; when too few pass (a gold piece), all are kept.
  const backdropEvidence = backdrop.read(options.minCount);
  const highlights = new ChromaAccumulator();
  const nearNeutral = new ChromaAccumulator();
  const brightBackdrop = new ChromaAccumulator();
  const gate = options.neutralGate;
  if (pieceUnclipped > 0 || backdropUnclipped > 0) {
    for (let y = step >> 1; y < height; y += step) {
      for (let x = step >> 1; x < width; x += step) {
        const i = y * width + x;
        const m = mask.data[i];
        if (m > 0 && m < 250) continue;
        const p = i * 4;
        const r = data[p];
        const g = data[p + 1];
        const b = data[p + 2];
        const luminance = computeSrgbLuminance(r, g, b);
        if (luminance < 0.02) continue;
        if (m === 0) {
          if (luminance >= brightThreshold && r < 250 && g < 250 && b < 250) brightBackdrop.add(r, g, b, luminance);
          continue;
        }
        if (r >= 250 || g >= 250 || b >= 250 || luminance < threshold) continue;
        highlights.add(r, g, b, 1);
        const chroma = measureLogChroma(r, g, b);
        const isNeutralish =
          Math.hypot(chroma.warm, chroma.green) <= gate ||
          (backdropEvidence !== null && Math.hypot(chroma.warm - backdropEvidence.warm, chroma.green - backdropEvidence.green) <= gate);
        if (isNeutralish) nearNeutral.add(r, g, b, 1);
      }
    }
  }
  return {
    backdrop: backdropEvidence,
    brightBackdrop: brightBackdrop.read(options.minCount),
    highlights:
      nearNeutral.count >= Math.max(20, options.minCount / 4, options.minNeutralShare * highlights.count)
        ? nearNeutral.read(20)
        : highlights.read(Math.max(20, Math.round(options.minCount / 4))),
  };
}

/** The log chroma of one 8-bit sRGB colour. */
export function measureLogChroma(r: number, g: number, b: number): LogChroma {
  const lr = lnLinearLut[r];
  const lg = lnLinearLut[g];
  const lb = lnLinearLut[b];
  return { warm: 0.5 * (lr - lb), green: lg - 0.5 * (lr + lb) };
}

/**
 * How far a chromaticity lies off the daylight–tungsten line: `green − planckianSlope·warm`. Lights of
 * ordinary sources (daylight, shade, tungsten, most LEDs) sit near 0; gold is green of it (> 0), rose gold,
 * skin and pink fabric magenta of it (< 0).
 */
export const planckianSlope = 0.23;

export function computeTint(chroma: LogChroma): number {
  return chroma.green - planckianSlope * chroma.warm;
}

/** A surface colour model: a mixture of classes, each a box (smooth edges) along warm and a Gaussian along tint. */
interface SurfaceClass {
  /** Prior weight of the class. */
  weight: number;
  /** Range of the class's warm (log units); `warmSoftness` blurs its edges. */
  warmFrom: number;
  warmTo: number;
  warmSoftness: number;
  /** Centre and spread of its tint. */
  tint: number;
  tintSigma: number;
}

export interface CastPriors {
  /** Spread of casts along the daylight–tungsten line that cameras leave, log units: [cool side, warm side]. */
  castWarmSigma: [number, number];
  /** Spread of casts off that line, log units: [magenta side, green side]. */
  castTintSigma: [number, number];
  /** Largest correction along and off the line; the search grid spans ± these. */
  maxWarm: number;
  maxTint: number;
  /** Half-width of the window (warm, log units) over which posterior modes are compared and averaged. */
  modeRadius: number;
  /** Largest warm correction the piece's highlights alone can ask for, when the backdrop does not confirm it. */
  unconfirmedWarm: number;
  /** Backdrop spread (MAD) at which a backdrop stops being taken as one uniform surface: uniform below `[0]`, cluttered above `[1]`. */
  backdropSpread: [number, number];
  /** How much more uniform (0..1, by `backdropSpread`) the backdrop's bright part must be than the whole for the light to be read from it. */
  brighterUniformity: number;
  /**
   * Coolest (`warm`, log units) a bright part may be and still be read as the light's: bluer is more likely sky or a
   * blue wall behind the scene than a white one in shade, and would warm the whole photo.
   */
  brightMinWarm: number;
}

export const defaultCastPriors: CastPriors = {
  castWarmSigma: [0.2, 0.35],
  castTintSigma: [0.03, 0.045],
  maxWarm: 0.75,
  maxTint: 0.15,
  modeRadius: 0.08,
  unconfirmedWarm: 0.12,
  backdropSpread: [0.04, 0.12],
  brighterUniformity: 0.5,
  brightMinWarm: -0.1,
};

/** What backdrops are made of: neutral card and sweeps; warm paper, linen, wood; anything coloured. */
function describeBackdropClasses(uniformity: number): SurfaceClass[] {
  return [
    { weight: 0.55 * uniformity, warmFrom: 0, warmTo: 0, warmSoftness: 0.04, tint: 0, tintSigma: 0.04 },
    { weight: 0.3 * uniformity, warmFrom: 0.03, warmTo: 0.35, warmSoftness: 0.04, tint: 0, tintSigma: 0.05 },
    { weight: 1 - 0.85 * uniformity, warmFrom: 0, warmTo: 0, warmSoftness: 0.8, tint: 0, tintSigma: 0.4 },
  ];
}

/** What a piece's brightest unclipped pixels are: white metal and diamonds (neutral), yellow gold, rose gold, coloured stones. */
const highlightClasses: SurfaceClass[] = [
  { weight: 0.5, warmFrom: 0, warmTo: 0, warmSoftness: 0.04, tint: 0, tintSigma: 0.04 },
  { weight: 0.3, warmFrom: 0.25, warmTo: 1.3, warmSoftness: 0.08, tint: 0.12, tintSigma: 0.08 },
  { weight: 0.12, warmFrom: 0.12, warmTo: 0.9, warmSoftness: 0.04, tint: -0.12, tintSigma: 0.06 },
  { weight: 0.08, warmFrom: 0, warmTo: 0, warmSoftness: 0.8, tint: 0, tintSigma: 0.4 },
];

const sqrtTwoPi = Math.sqrt(2 * Math.PI);


/** Density of a class at intrinsic colour (warm, tint): a box convolved with a Gaussian, times a Gaussian. */
function computeClassDensity(surface: SurfaceClass, warm: number, tint: number): number {
  const s = surface.warmSoftness;
  let along: number;
  if (surface.warmTo - surface.warmFrom < 1e-9) {
    along = Math.exp(-0.5 * ((warm - surface.warmFrom) / s) ** 2) / (s * sqrtTwoPi);
  } else {
    // Box of unit mass on [from, to] with soft edges: difference of two logistic steps (close to erf).
    const rise = 1 / (1 + Math.exp(-(warm - surface.warmFrom) / (0.6 * s)));
    const fall = 1 / (1 + Math.exp(-(warm - surface.warmTo) / (0.6 * s)));
    along = (rise - fall) / (surface.warmTo - surface.warmFrom);
  }
  const across = Math.exp(-0.5 * ((tint - surface.tint) / surface.tintSigma) ** 2) / (surface.tintSigma * sqrtTwoPi);
  return surface.weight * along * across;
}

/** Share of the backdrop's density explained by its plain classes (all but the last, "anything coloured"). */
function measurePlainBackdropShare(classes: readonly SurfaceClass[], warm: number, tint: number): number {
  let plain = 0;
  let all = 0;
  for (let k = 0; k < classes.length; k++) {
    const density = computeClassDensity(classes[k], warm, tint);
    all += density;
    if (k < classes.length - 1) plain += density;
  }
  return all > 0 ? plain / all : 0;
}

function computeMixtureDensity(classes: readonly SurfaceClass[], warm: number, tint: number): number {
  let sum = 0;
  for (const surface of classes) sum += computeClassDensity(surface, warm, tint);
  return sum;
}

/** The estimated cast, in log chroma, and how sure the estimate is (0..1: the posterior mass of the chosen mode). */
export interface CastEstimate extends LogChroma {
  confidence: number;
}

/**
 * The backdrop evidence to read the light from, and how uniform it is (0..1): the whole backdrop, or its bright
 * part when that is clearly the more uniform (by `brighterUniformity`: a busy scene whose wall or card shows the
 * light while the rest is wood, fabric or clutter), unless it is bluer than `brightMinWarm` (sky). A uniform or
 * mildly textured backdrop is read whole.
 */
function pickBackdropEvidence(evidence: NeutralEvidence, priors: CastPriors): { backdrop: ChromaEvidence | null; uniformity: number } {
  const whole = evidence.backdrop;
  const wholeUniformity = whole ? smoothRampDown(whole.spread, ...priors.backdropSpread) : 0;
  const bright = whole ? evidence.brightBackdrop : null;
  const brightUniformity = bright ? smoothRampDown(bright.spread, ...priors.backdropSpread) : 0;
  return bright && bright.warm >= priors.brightMinWarm && brightUniformity >= wholeUniformity + priors.brighterUniformity
    ? { backdrop: bright, uniformity: brightUniformity }
    : { backdrop: whole, uniformity: wholeUniformity };
}

/**
 * The cast the evidence supports: a small Bayesian search. A cast adds the same (warm, tint) to every
 * surface; each candidate cast is scored by how plausible it leaves the backdrop (neutral card, warm paper or
 * wood, or something coloured) and the piece's highlights (white metal, gold, rose gold, a stone) as surfaces,
 * times how common such a cast is. So a silver ring on warm linen reads as linen (the ring stays neutral), a
 * gold ring on grey card reads as gold, and both under tungsten read as tungsten. A cluttered backdrop is read
 * by its bright part when that is plain (a white wall behind driftwood), and otherwise counts as "anything". Returns
 * the mean of the posterior's strongest mode; a strong warm correction only when the backdrop backs it.
 */
export function estimateCast(evidence: NeutralEvidence, priors: CastPriors = defaultCastPriors): CastEstimate {
  const { backdrop, uniformity } = pickBackdropEvidence(evidence, priors);
  const highlights = evidence.highlights;
  if (!backdrop && !highlights) return { warm: 0, green: 0, confidence: 0 };
  const backdropClasses = describeBackdropClasses(uniformity);
  const backdropTint = backdrop ? computeTint(backdrop) : 0;
  const highlightTint = highlights ? computeTint(highlights) : 0;
  const warmStep = 0.01;
  const tintStep = 0.005;
  const warmSteps = Math.round(priors.maxWarm / warmStep);
  const tintSteps = Math.round(priors.maxTint / tintStep);
  const scoreCast = (castWarm: number, castTint: number): number => {
    const warmSigma = castWarm < 0 ? priors.castWarmSigma[0] : priors.castWarmSigma[1];
    const tintSigma = castTint < 0 ? priors.castTintSigma[0] : priors.castTintSigma[1];
    let p = Math.exp(-0.5 * ((castWarm / warmSigma) ** 2 + (castTint / tintSigma) ** 2));
    if (backdrop) p *= computeMixtureDensity(backdropClasses, backdrop.warm - castWarm, backdropTint - castTint);
    if (highlights) p *= computeMixtureDensity(highlightClasses, highlights.warm - castWarm, highlightTint - castTint);
    return p;
  };
  // Posterior on the grid, and its marginal along warm.
  const warmCount = 2 * warmSteps + 1;
  const tintCount = 2 * tintSteps + 1;
  const posterior = new Float64Array(warmCount * tintCount);
  const marginal = new Float64Array(warmCount);
  let total = 0;
  for (let i = 0; i < warmCount; i++) {
    for (let j = 0; j < tintCount; j++) {
      const p = scoreCast((i - warmSteps) * warmStep, (j - tintSteps) * tintStep);
      posterior[i * tintCount + j] = p;
      marginal[i] += p;
      total += p;
    }
  }
  if (!(total > 0)) return { warm: 0, green: 0, confidence: 0 };
  // The posterior can have two modes (e.g. "gold under neutral light" and "silver under tungsten"). Take the
  // one with the most mass within ±modeRadius (not the highest peak: a sharp "exactly neutral" peak should not
  // beat a broad, well-supported alternative), refined by the posterior mean within that window.
  const radius = Math.round(priors.modeRadius / warmStep);
  let bestMass = -1;
  let bestIndex = warmSteps;
  for (let i = 0; i < warmCount; i++) {
    let mass = 0;
    for (let k = Math.max(0, i - radius); k <= Math.min(warmCount - 1, i + radius); k++) mass += marginal[k];
    if (mass > bestMass) {
      bestMass = mass;
      bestIndex = i;
    }
  }
  let nearWarm = 0;
  let nearTint = 0;
  for (let i = Math.max(0, bestIndex - radius); i <= Math.min(warmCount - 1, bestIndex + radius); i++) {
    for (let j = 0; j < tintCount; j++) {
      const p = posterior[i * tintCount + j];
      nearWarm += p * (i - warmSteps) * warmStep;
      nearTint += p * (j - tintSteps) * tintStep;
    }
  }
  let warm = bestMass > 0 ? nearWarm / bestMass : 0;
  const tint = bestMass > 0 ? nearTint / bestMass : 0;
  // A strong cast needs the backdrop's word: unless the backdrop reads as a plain surface (neutral or warm
  // card, paper, wood) under it, the piece alone could be gold, so the correction stays small.
  const plain = backdrop ? measurePlainBackdropShare(backdropClasses, backdrop.warm - warm, backdropTint - tint) : 0;
  const limit = priors.unconfirmedWarm + plain * (priors.maxWarm - priors.unconfirmedWarm);
  warm = Math.max(-limit, Math.min(limit, warm));
  return { warm, green: tint + planckianSlope * warm, confidence: bestMass / total };
}

/**
 * Linear-light gains (R, G, B) that turn a surface showing `cast` neutral, scaled by `strength` (0..1) in log
 * space. Normalised so the smallest gain is 1: nothing is darkened, and a clipped white stays white.
 */
export function computeCastGains(cast: LogChroma, strength = 1): [number, number, number] {
  const warm = cast.warm * strength;
  const green = cast.green * strength;
  // The cast colour is (e^(warm − green), 1, e^(−warm − green)); the gains are its inverse.
  const gains: [number, number, number] = [Math.exp(green - warm), 1, Math.exp(green + warm)];
  const smallest = Math.min(...gains);
  return [gains[0] / smallest, gains[1] / smallest, gains[2] / smallest];
}
