// Pure white around the piece in a JPEG. A block that holds both the piece and white background rings, and some
// of its white pixels decode a level or two off 255: the luma falls short, or the colour (Cb, Cr) rings away from
// neutral so one channel reads 254. In the pixels nothing can be done (the white is at its ceiling), but in the
// block's coefficients it can: raise the luma until the white pixels sit above 255, where the decoder clips them
// to exactly 255, and nudge the colour coefficients, one quantisation step at a time, until the colour at the
// white pixels decodes neutral while the piece's pixels in the block keep their colour within a level or two. A float
// model of the inverse DCT steers; the decoder's own integer arithmetic (jpeg-idct-islow) judges. Where no nudge gets
// there, the block's colour is scaled down, to half at most, or to none where the piece is only a faint fringe; past
// that the block is left a level off. The raised luma brightens the piece's pixels in those blocks by a level or two.
import { findMaxSampling, readBaselineJpeg, writeBaselineJpeg, type BaselineJpeg, type JpegComponent } from './jpeg-baseline';
import type { Mask, RgbaImage } from './image';
import { inverseDctIslow, zigZagToNatural } from './jpeg-idct-islow';

/** basis[k·64 + pixel]: what one unit of the coefficient at zig-zag position k adds to each pixel of the block. */
const basis = (() => {
  const table = new Float64Array(64 * 64);
  for (let k = 0; k < 64; k++) {
    const natural = zigZagToNatural[k];
    const u = natural % 8;
    const v = natural >> 3;
    const cu = u === 0 ? Math.SQRT1_2 : 1;
    const cv = v === 0 ? Math.SQRT1_2 : 1;
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        table[k * 64 + y * 8 + x] = 0.25 * cu * cv * Math.cos(((2 * x + 1) * u * Math.PI) / 16) * Math.cos(((2 * y + 1) * v * Math.PI) / 16);
      }
    }
  }
  return table;
})();

export interface WhiteShortfall {
  /** Luma block indexes (row-major over the luma plane's blocks) holding a pixel that should be white and is not. */
  blocks: number[];
  /** Pixels that should be white and are not. */
  impurePx: number;
}

/**
 * Where `decoded` is not exactly white though `mustBeWhite` says it should be (> 0), by 8×8 block of the luma
 * plane (the first component, at full resolution).
 */
export function measureWhiteShortfall(decoded: RgbaImage, mustBeWhite: Mask, jpeg: Pick<BaselineJpeg, 'components'>): WhiteShortfall {
  const { width, height, data } = decoded;
  if (mustBeWhite.width !== width || mustBeWhite.height !== height) {
    throw new RangeError(`measureWhiteShortfall: the mask is ${mustBeWhite.width}×${mustBeWhite.height}, the picture ${width}×${height}`);
  }
  const blocksPerLine = jpeg.components[0].blocksPerLine;
  const isShort = new Uint8Array(blocksPerLine * jpeg.components[0].blocksPerColumn);
  let impurePx = 0;
  for (let y = 0; y < height; y++) {
    const blockRow = (y >> 3) * blocksPerLine;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (mustBeWhite.data[i] === 0) continue;
      const p = i * 4;
      if ((data[p] & data[p + 1] & data[p + 2]) === 255) continue;
      impurePx++;
      isShort[blockRow + (x >> 3)] = 1;
    }
  }
  const blocks: number[] = [];
  isShort.forEach((short, block) => {
    if (short) blocks.push(block);
  });
  return { blocks, impurePx };
}

/** The block's samples (level-shifted: 0 is mid-grey) as the inverse DCT gives them before rounding. */
function reconstructBlock(coefficients: Int16Array, offset: number, quantTable: Uint16Array, out: Float64Array): void {
  out.fill(0);
  for (let k = 0; k < 64; k++) {
    const value = coefficients[offset + k];
    if (value === 0) continue;
    const amplitude = value * quantTable[k];
    const row = k * 64;
    for (let p = 0; p < 64; p++) out[p] += amplitude * basis[row + p];
  }
}

/** One quantisation step (`sign` ±1) of the coefficient at zig-zag position k, with the float samples kept in step. */
function stepCoefficient(coefficients: Int16Array, offset: number, quantTable: Uint16Array, samples: Float64Array, k: number, sign: number): void {
  coefficients[offset + k] += sign;
  const amplitude = sign * quantTable[k];
  for (let p = 0; p < 64; p++) samples[p] += amplitude * basis[k * 64 + p];
}

/** A fixed pseudo-random sequence in [0, 1) (xorshift32): reproducible files. */
function createSequence(seed: number): () => number {
  let state = seed || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const decodedLuma = new Uint8Array(64);

/**
 * Raises the luma block's DC until every white pixel decodes to 255: as far as the float model says in one go
 * (reconstructing to 254.5), then a step at a time while the decoder's exact samples still fall short.
 */
function liftLumaBlock(component: JpegComponent, offset: number, quantTable: Uint16Array, isWhite: Uint8Array, samples: Float64Array): void {
  reconstructBlock(component.coefficients, offset, quantTable, samples);
  let lowest = Infinity;
  for (let p = 0; p < 64; p++) if (isWhite[p] && samples[p] < lowest) lowest = samples[p];
  const shortLevels = 126.5 - lowest; // 254.5 (rounds to 255) before the level shift of 128
  // One DC step moves every pixel of the block by step/8 levels.
  if (shortLevels > 0) component.coefficients[offset] += Math.ceil((shortLevels * 8) / quantTable[0]);
  const decoded = decodedLuma;
  for (let extraStep = 0; extraStep < 16; extraStep++) {
    inverseDctIslow(component.coefficients, offset, quantTable, decoded);
    if (!decoded.some((value, p) => isWhite[p] && value < 255)) return;
    component.coefficients[offset] += 1;
  }
}

/**
 * Alternating projections: the block's samples are pulled to where they should be (`target`), transformed, and
 * quantised again, a few times; keeps the coefficients whose samples have the fewest pixels failing `isGood`. This
 * spreads the quantisation's error into the pixels that can take it (the piece's, within their slack) and away from
 * the white ones, which single steps cannot do. Leaves `samples` as the kept coefficients reconstruct.
 */
function projectOntoTargets(
  coefficients: Int16Array,
  offset: number,
  quantTable: Uint16Array,
  samples: Float64Array,
  target: (pixel: number, value: number) => number,
  isGood: (pixel: number, value: number) => boolean,
  iterations = 64,
): void {
  // After the plain rounds, rounding is dithered (a fixed pseudo-random sequence): it shakes the projections out of a cycle.
  const nextRandom = createSequence(0x9e3779b9);
  const nextDither = () => (nextRandom() - 0.5) * 0.6;
  const countBad = () => {
    let bad = 0;
    for (let p = 0; p < 64; p++) if (!isGood(p, samples[p])) bad++;
    return bad;
  };
  const best = coefficients.slice(offset, offset + 64);
  let bestBad = countBad();
  const pulled = new Float64Array(64);
  for (let iteration = 0; iteration < iterations && bestBad > 0; iteration++) {
    for (let p = 0; p < 64; p++) pulled[p] = target(p, samples[p]);
    for (let k = 0; k < 64; k++) {
      let sum = 0;
      for (let p = 0; p < 64; p++) sum += basis[k * 64 + p] * pulled[p];
      coefficients[offset + k] = Math.round(sum / quantTable[k] + (iteration >= 12 ? nextDither() : 0));
    }
    reconstructBlock(coefficients, offset, quantTable, samples);
    const bad = countBad();
    if (bad < bestBad) {
      bestBad = bad;
      best.set(coefficients.subarray(offset, offset + 64));
    }
  }
  coefficients.set(best, offset);
  reconstructBlock(coefficients, offset, quantTable, samples);
}

/** What a white pixel outside its window weighs against the piece's squared excess over its slack (per `outsidePenalty`). */
const whiteWeight = 16;

/** 0 inside [low, high]; outside, 1 plus the distance: any pixel put right counts, a small miss as much as a large one. */
function outsidePenalty(value: number, low: number, high: number): number {
  const distance = value < low ? low - value : value > high ? value - high : 0;
  return distance > 0 ? 1 + distance : 0;
}

/**
 * Moves a colour block's coefficients a quantisation step at a time until its white pixels sit inside [low, high]
 * (level-shifted), keeping each other pixel within `slackLevels[p]` of where it was. First alternating projections,
 * then greedy, each move tried exactly: the best single step of any coefficient, or when none helps, the best pair
 * of steps among the low frequencies (ringing often needs two at once). A white pixel off costs as much as 4 levels
 * beyond the slack on one of the piece's pixels. Returns whether it got there.
 */
function neutraliseChromaBlock(
  component: JpegComponent,
  offset: number,
  quantTable: Uint16Array,
  isWhite: Uint8Array,
  slackLevels: Float64Array,
  { low, high }: { low: number; high: number },
  exactWindow: { low: number; high: number },
  maxKicks: number,
  samples: Float64Array,
): boolean {
  const maxMoves = 24;
  const pairCoefficients = 15;
  const coefficients = component.coefficients;
  reconstructBlock(coefficients, offset, quantTable, samples);
  const original = Float64Array.from(samples);
  const centre = Math.min(high, Math.max(low, 0)); // neutral
  projectOntoTargets(
    coefficients,
    offset,
    quantTable,
    samples,
    (p, value) => (isWhite[p] ? centre - 0.5 * (value - centre) : Math.min(original[p] + slackLevels[p], Math.max(original[p] - slackLevels[p], value))),
    (p, value) => !isWhite[p] || (value >= low && value <= high),
  );
  const costOf = (p: number, value: number) =>
    isWhite[p] ? whiteWeight * outsidePenalty(value, low, high) + (value - centre) ** 2 : Math.max(0, Math.abs(value - original[p]) - slackLevels[p]) ** 2;
  const currentCost = new Float64Array(64);
  const refreshCosts = () => {
    let whiteOff = 0;
    for (let p = 0; p < 64; p++) {
      currentCost[p] = costOf(p, samples[p]);
      if (isWhite[p] && outsidePenalty(samples[p], low, high) > 0) whiteOff++;
    }
    return whiteOff;
  };
  /** Cost change of adding `amplitudeA`·basis[a] (and `amplitudeB`·basis[b] when b ≥ 0). */
  const gainOf = (a: number, amplitudeA: number, b: number, amplitudeB: number) => {
    let gain = 0;
    for (let p = 0; p < 64; p++) {
      const value = samples[p] + amplitudeA * basis[a * 64 + p] + (b >= 0 ? amplitudeB * basis[b * 64 + p] : 0);
      gain += costOf(p, value) - currentCost[p];
    }
    return gain;
  };
  const apply = (k: number, sign: number) => stepCoefficient(coefficients, offset, quantTable, samples, k, sign);
  let whiteOff = refreshCosts();
  for (let move = 0; move < maxMoves && whiteOff > 0; move++) {
    let best = { gain: -1e-9, a: -1, signA: 0, b: -1, signB: 0 };
    for (let a = 0; a < 64; a++) {
      for (const signA of [1, -1]) {
        const gain = gainOf(a, signA * quantTable[a], -1, 0);
        if (gain < best.gain) best = { gain, a, signA, b: -1, signB: 0 };
      }
    }
    if (best.a < 0) {
      for (let a = 0; a < pairCoefficients; a++) {
        for (let b = a + 1; b < pairCoefficients; b++) {
          for (const signA of [1, -1]) {
            for (const signB of [1, -1]) {
              const gain = gainOf(a, signA * quantTable[a], b, signB * quantTable[b]);
              if (gain < best.gain) best = { gain, a, signA, b, signB };
            }
          }
        }
      }
    }
    if (best.a < 0) break;
    apply(best.a, best.signA);
    if (best.b >= 0) apply(best.b, best.signB);
    whiteOff = refreshCosts();
  }
  return settleChromaExactly(component, offset, quantTable, isWhite, slackLevels, original, exactWindow, maxKicks, samples);
}

/**
 * The last word on a colour block: what an IJG decoder gives its white pixels (jpeg-idct-islow), which the float
 * model above only approximates (within about half a level). While some white pixel decodes outside `window`
 * (decoded samples, 128 = neutral), greedy steps as above: single steps of any coefficient (or, when none helps,
 * pairs among the low frequencies) ranked on the float model, the best few judged on the exact samples; when that
 * sticks, up to `maxKicks` random restarts. The piece's pixels keep to their slack around `original` (float
 * samples). Returns whether every white pixel decodes inside; leaves `samples` matching the coefficients.
 */
function settleChromaExactly(
  component: JpegComponent,
  offset: number,
  quantTable: Uint16Array,
  isWhite: Uint8Array,
  slackLevels: Float64Array,
  original: Float64Array,
  window: { low: number; high: number },
  maxKicks: number,
  samples: Float64Array,
): boolean {
  const maxMoves = 32;
  const pairCoefficients = 15;
  const kickCoefficients = 28;
  const exactCandidates = 16;
  const coefficients = component.coefficients;
  const exact = new Uint8Array(64);
  const centre = (window.low + window.high) / 2 - 128;
  // The window as the float model sees it (samples before rounding, level-shifted).
  const floatLow = window.low - 128.5;
  const floatHigh = window.high - 127.5;
  /** Off pixels weigh far more than how far the float model sits from the window's centre (the guide across flat steps). */
  const costOfBlock = (): { cost: number; whiteOff: number; pieceExcess: number } => {
    inverseDctIslow(coefficients, offset, quantTable, exact);
    let cost = 0;
    let whiteOff = 0;
    let pieceExcess = 0;
    for (let p = 0; p < 64; p++) {
      if (isWhite[p]) {
        const penalty = outsidePenalty(exact[p], window.low, window.high);
        if (penalty > 0) whiteOff++;
        cost += whiteWeight * penalty + 0.25 * (samples[p] - centre) ** 2;
      } else {
        pieceExcess += Math.max(0, Math.abs(samples[p] - original[p]) - slackLevels[p]) ** 2;
      }
    }
    return { cost: cost + pieceExcess, whiteOff, pieceExcess };
  };
  const step = (k: number, sign: number) => stepCoefficient(coefficients, offset, quantTable, samples, k, sign);
  /** The float model's cost of the samples plus `amplitudeA`·basis[a] (and `amplitudeB`·basis[b] when b ≥ 0): the cheap guide. */
  const floatCostWith = (a: number, amplitudeA: number, b: number, amplitudeB: number): number => {
    let cost = 0;
    for (let p = 0; p < 64; p++) {
      const value = samples[p] + amplitudeA * basis[a * 64 + p] + (b >= 0 ? amplitudeB * basis[b * 64 + p] : 0);
      if (isWhite[p]) {
        cost += whiteWeight * outsidePenalty(value, floatLow, floatHigh) + 0.25 * (value - centre) ** 2;
      } else {
        cost += Math.max(0, Math.abs(value - original[p]) - slackLevels[p]) ** 2;
      }
    }
    return cost;
  };
  /**
   * Greedy descent from the current coefficients, at most maxMoves steps or until no white pixel is off: every
   * single step (then, if none helps, every pair of steps among the low frequencies) is ranked on the float model,
   * and the best `exactCandidates` of them are judged on the exact samples.
   */
  const ranked: { cost: number; a: number; signA: number; b: number; signB: number }[] = [];
  const tryBestRanked = (current: { cost: number }) => {
    ranked.sort((x, y) => x.cost - y.cost);
    let best = { cost: current.cost - 1e-9, a: -1, signA: 0, b: -1, signB: 0 };
    for (let i = 0; i < Math.min(exactCandidates, ranked.length); i++) {
      const candidate = ranked[i];
      step(candidate.a, candidate.signA);
      if (candidate.b >= 0) step(candidate.b, candidate.signB);
      const { cost } = costOfBlock();
      if (cost < best.cost) best = { ...candidate, cost };
      if (candidate.b >= 0) step(candidate.b, -candidate.signB);
      step(candidate.a, -candidate.signA);
    }
    return best;
  };
  const descend = (from: ReturnType<typeof costOfBlock>) => {
    let current = from;
    for (let move = 0; move < maxMoves && current.whiteOff > 0; move++) {
      ranked.length = 0;
      for (let a = 0; a < 64; a++) for (const signA of [1, -1]) ranked.push({ cost: floatCostWith(a, signA * quantTable[a], -1, 0), a, signA, b: -1, signB: 0 });
      let best = tryBestRanked(current);
      if (best.a < 0) {
        ranked.length = 0;
        for (let a = 0; a < pairCoefficients; a++) {
          for (let b = a + 1; b < pairCoefficients; b++) {
            for (const signA of [1, -1]) for (const signB of [1, -1]) ranked.push({ cost: floatCostWith(a, signA * quantTable[a], b, signB * quantTable[b]), a, signA, b, signB });
          }
        }
        best = tryBestRanked(current);
      }
      if (best.a < 0) break;
      step(best.a, best.signA);
      if (best.b >= 0) step(best.b, best.signB);
      reconstructBlock(coefficients, offset, quantTable, samples); // no drift from the trial steps' sums
      current = costOfBlock();
    }
    return current;
  };
  let current = descend(costOfBlock());
  // Stuck a level off on a pixel or two (a local minimum of single and paired steps): kick a few low frequencies
  // by a step at random (a fixed sequence, so the file is reproducible) and descend again; keep the best found.
  const nextRandom = createSequence(0x2545f491 ^ offset);
  const kept = coefficients.slice(offset, offset + 64);
  for (let kick = 0; kick < maxKicks && current.whiteOff > 0; kick++) {
    for (let n = 0; n < 3; n++) step(1 + Math.floor(nextRandom() * (kickCoefficients - 1)), nextRandom() < 0.5 ? 1 : -1);
    reconstructBlock(coefficients, offset, quantTable, samples);
    const kicked = descend(costOfBlock());
    // Fewer white pixels off, as long as the piece's pixels stay about as close to their slack; or as few, at less cost.
    const isBetter = kicked.whiteOff < current.whiteOff ? kicked.pieceExcess <= current.pieceExcess + 1 : kicked.whiteOff === current.whiteOff && kicked.cost < current.cost;
    if (isBetter) {
      current = kicked;
      kept.set(coefficients.subarray(offset, offset + 64));
    } else {
      coefficients.set(kept, offset);
    }
  }
  coefficients.set(kept, offset);
  reconstructBlock(coefficients, offset, quantTable, samples);
  return current.whiteOff === 0;
}

/**
 * How much of a block's colour is kept when nudging alone cannot make its white pixels neutral. Never below half:
 * greyer than that, the piece's edge shows it (a block left a level off white does not). A block where the piece is
 * only a faint fringe (every pixel of it at most half covered, `faintAlpha`, and a few pixels' worth in all) may lose
 * all its colour: those pixels are mostly white already, and a neutral fringe does not show.
 */
const colourScales = [1, 0.75, 0.5];
const faintAlpha = 127;
/** ...and altogether no more of the piece than four fully covered pixels (alpha summed over the block). */
const faintFringeMaxAlpha = 4 * 255;

/** A block's colour coefficients as MozJPEG wrote them: every attempt starts again from these. */
interface ColourOriginals {
  cb: Int16Array;
  cr: Int16Array;
}

/**
 * Makes the white pixels of one block neutral in both colour planes: nudges the coefficients as MozJPEG wrote them
 * (`originals`), and when that fails, scales the block's colour down (the piece's pixels in the block lose that much
 * saturation) and nudges again; a faint fringe's block (`isFaintFringe`) ends with no colour. Returns the scale
 * kept, or null when none got there: the block's colour is then put back as it was (a few white pixels stay a level
 * off).
 */
function neutraliseColourBlock(
  cb: JpegComponent,
  cr: JpegComponent,
  offset: number,
  originals: ColourOriginals,
  quant: { cb: Uint16Array; cr: Uint16Array },
  isWhite: Uint8Array,
  slackLevels: Float64Array,
  isFaintFringe: boolean,
  samples: Float64Array,
): number | null {
  // At luma 255 an IJG decoder (libjpeg, libjpeg-turbo, MozJPEG: Chrome, Firefox, Pillow) gives 255 on every channel
  // for Cr 128 and Cb 128 or 129, i.e. level-shifted Cr in [-0.5, 0.5) and Cb in [-0.5, 1.5) before rounding. Cb 129
  // reads 254 green in decoders that convert colour otherwise, so Cb at 128 is tried first. The float model aims a
  // twentieth of a level inside, as the decoder's integer inverse DCT rounds a little differently; the exact samples decide.
  const insetLevels = 0.05;
  const low = -0.5 + insetLevels;
  // A faint fringe goes straight from its own colour to none: halving it would not show either, and costs a search.
  const scales = isFaintFringe ? [1] : colourScales;
  // Random restarts when the descent sticks a level off; not for a faint fringe, which has a sure way out.
  const maxKicks = isFaintFringe ? 0 : 8;
  const attempts = scales.flatMap((scale) => (scale === 1 ? [{ scale, cbHigh: 0.5 }, { scale, cbHigh: 1.5 }] : [{ scale, cbHigh: 1.5 }]));
  const restore = (scale: number) => {
    for (let k = 0; k < 64; k++) {
      cb.coefficients[offset + k] = Math.round(originals.cb[k] * scale);
      cr.coefficients[offset + k] = Math.round(originals.cr[k] * scale);
    }
  };
  let crFailedAtScale: number | null = null;
  for (const { scale, cbHigh } of attempts) {
    // Cr's search does not depend on Cb's: where it failed at this scale, it fails again.
    if (scale === crFailedAtScale) continue;
    restore(scale);
    const isCbNeutral = neutraliseChromaBlock(cb, offset, quant.cb, isWhite, slackLevels, { low, high: cbHigh - insetLevels }, { low: 128, high: cbHigh > 1 ? 129 : 128 }, maxKicks, samples);
    if (!isCbNeutral) continue;
    if (neutraliseChromaBlock(cr, offset, quant.cr, isWhite, slackLevels, { low, high: 0.5 - insetLevels }, { low: 128, high: 128 }, maxKicks, samples)) return scale;
    crFailedAtScale = scale;
  }
  // No colour at all decodes to exactly 128 everywhere.
  restore(isFaintFringe ? 0 : 1);
  return isFaintFringe ? 0 : null;
}

export interface LiftOptions {
  /** The piece's alpha (0..255, the picture's size): its soft edge may take more of the colour's rounding. */
  pieceAlpha?: Mask;
  /** Checked every 16 blocks (a hard block's search takes milliseconds). */
  signal?: AbortSignal;
}

/**
 * Reworks each block in `shortfall` so its white pixels decode to exactly 255: the luma DC raised until they sit
 * above 255 (clipped there by the decoder; the block's other pixels gain as much, a level or two), and, when the
 * colour is at full resolution (4:4:4), the Cb and Cr coefficients nudged until those pixels decode neutral (Cr 128,
 * Cb 128..129: 255 on every channel once the luma is 255). The piece's pixels keep their colour within 1.5 levels
 * (up to 7.5 on its faintest edge). Mutates `jpeg`; returns the blocks that gave up some colour, and those that could
 * not be made neutral (left as they were).
 */
export function liftShortBlocksInPlace(jpeg: BaselineJpeg, shortfall: WhiteShortfall, mustBeWhite: Mask, options: LiftOptions): { desaturatedBlocks: number[]; unsolvedBlocks: number[] } {
  const { pieceAlpha, signal } = options;
  const [luma, ...chroma] = jpeg.components;
  const { maxH, maxV } = findMaxSampling(jpeg.components);
  if (luma.horizontalSampling !== maxH || luma.verticalSampling !== maxV) throw new Error('The JPEG\'s luma is not at full resolution.');
  const quantOf = (component: JpegComponent) => {
    const table = jpeg.quantTables.get(component.quantTableId);
    if (!table) throw new Error(`The JPEG has no quantisation table ${component.quantTableId}.`);
    return table;
  };
  const isChromaFull = chroma.length === 2 && chroma.every((c) => c.horizontalSampling === maxH && c.verticalSampling === maxV);
  const isWhite = new Uint8Array(64);
  const slackLevels = new Float64Array(64);
  const samples = new Float64Array(64);
  const result = { desaturatedBlocks: [] as number[], unsolvedBlocks: [] as number[] };
  for (const [index, block] of shortfall.blocks.entries()) {
    if ((index & 15) === 15) signal?.throwIfAborted();
    const blockX = (block % luma.blocksPerLine) * 8;
    const blockY = Math.floor(block / luma.blocksPerLine) * 8;
    isWhite.fill(0);
    slackLevels.fill(1.5);
    let isFaintFringe = !!pieceAlpha;
    let fringeAlpha = 0;
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 8; x++) {
        const px = blockX + x;
        const py = blockY + y;
        if (px >= mustBeWhite.width || py >= mustBeWhite.height) continue;
        const i = py * mustBeWhite.width + px;
        if (mustBeWhite.data[i] > 0) isWhite[y * 8 + x] = 1;
        else if (pieceAlpha) {
          slackLevels[y * 8 + x] = 1.5 + (6 * (255 - pieceAlpha.data[i])) / 255;
          // Not a fringe: a pixel more than half covered, or one of the background that is not white (a shadow, a sweep).
          if (pieceAlpha.data[i] > faintAlpha || pieceAlpha.data[i] === 0) isFaintFringe = false;
          fringeAlpha += pieceAlpha.data[i];
        }
      }
    }
    liftLumaBlock(luma, block * 64, quantOf(luma), isWhite, samples);
    if (!isChromaFull) continue;
    const offset = block * 64;
    const originals = { cb: chroma[0].coefficients.slice(offset, offset + 64), cr: chroma[1].coefficients.slice(offset, offset + 64) };
    if (fringeAlpha > faintFringeMaxAlpha) isFaintFringe = false;
    const scale = neutraliseColourBlock(chroma[0], chroma[1], offset, originals, { cb: quantOf(chroma[0]), cr: quantOf(chroma[1]) }, isWhite, slackLevels, isFaintFringe, samples);
    if (scale === null) result.unsolvedBlocks.push(block);
    else if (scale < 1) result.desaturatedBlocks.push(block);
  }
  return result;
}

export interface PureWhiteReport {
  /** Pixels that should be white and were not, as first encoded, and in the file returned. */
  impurePxBefore: number;
  impurePxAfter: number;
  /** Blocks reworked, those of them that gave up some colour, and those left a level off (each counted once). */
  reworkedBlocks: number;
  desaturatedBlocks: number;
  unsolvedBlocks: number;
  /** Reworks run: 0 when the white was already pure, else 1. */
  passes: number;
}

export interface PureWhiteOptions {
  /** The piece's alpha, the picture's size (see LiftOptions.pieceAlpha). */
  pieceAlpha?: Mask;
  signal?: AbortSignal;
}

/**
 * Makes every pixel that `mustBeWhite` marks (> 0) decode to exactly (255, 255, 255) in the baseline JPEG `bytes`:
 * decodes it with `decode` (an IJG decoder: the exact samples the rework aims at are libjpeg's), reworks the blocks
 * found off, and decodes the result to check (a second rework would come out the same); returns whichever file has
 * the fewer impure pixels. Every other block decodes exactly as before (the rewrite is lossless). Needs the luma at
 * full resolution; the colour too (4:4:4) for the colour to be nudged.
 */
export async function keepJpegWhitePure(
  bytes: Uint8Array,
  mustBeWhite: Mask,
  decode: (bytes: Uint8Array) => Promise<RgbaImage>,
  options: PureWhiteOptions = {},
): Promise<{ bytes: Uint8Array; report: PureWhiteReport }> {
  const { pieceAlpha, signal } = options;
  signal?.throwIfAborted();
  const jpeg = readBaselineJpeg(bytes);
  const before = measureWhiteShortfall(await decode(bytes), mustBeWhite, jpeg);
  const report: PureWhiteReport = { impurePxBefore: before.impurePx, impurePxAfter: before.impurePx, reworkedBlocks: 0, desaturatedBlocks: 0, unsolvedBlocks: 0, passes: 0 };
  if (before.blocks.length === 0) return { bytes, report };
  signal?.throwIfAborted();
  const lifted = liftShortBlocksInPlace(jpeg, before, mustBeWhite, { pieceAlpha, signal });
  const reworked = writeBaselineJpeg(jpeg);
  signal?.throwIfAborted();
  const after = measureWhiteShortfall(await decode(reworked), mustBeWhite, jpeg);
  const counts = { reworkedBlocks: before.blocks.length, desaturatedBlocks: lifted.desaturatedBlocks.length, unsolvedBlocks: lifted.unsolvedBlocks.length, passes: 1 };
  if (after.impurePx >= before.impurePx) return { bytes, report: { ...report, ...counts } };
  return { bytes: reworked, report: { ...report, ...counts, impurePxAfter: after.impurePx } };
}
