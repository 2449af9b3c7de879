// Uncertain plateaus: a wide area the segmentation model leaves at middling alpha is its doubt, not transparency. One it
// leans against that is skin-coloured and as big as the piece (the hand under a bracelet) is lowered to nothing; the
// piece's soft edges and chains crossing it stay.
import { createBinaryPlaneWhere, dilateBinary, erodeBinary, findEnclosedBinary, labelBinaryRegions } from './binary-morphology';
import { defaultGuidedUpsampleOptions } from './guided-filter';
import type { Mask, RgbaImage } from './image';
import { isSkinColour } from './mask-analysis';
import { mapNearestSourceIndices } from './resize';

export interface UncertainPlateauOptions {
  /** Model alpha (0..255) strictly between `low` and `high` is middling; at or above `high` the piece is sure (refine-mask's snap levels). */
  low: number;
  high: number;
  /** A plateau is a middling area at least 2·insideRadiusPx + 1 px wide (model resolution): soft edges and thin chains are narrower. */
  insideRadiusPx: number;
  /** A plateau whose inside averages below this alpha (0..255) is one the model leans against. */
  leanBelow: number;
  /** Only plateaus whose inside is at least this share of the sure pixels: something as big as the piece (a hand), not a part of it the model doubts (pale or rose gold also looks skin-coloured). */
  minShareOfSure: number;
  /** Only plateaus whose inside is at least this share (0..1) skin-coloured in the photo are lowered: a hand or a neck, not a pale metal part. */
  minSkinShare: number;
  /** The plateau's level, lowered to 0: this fraction (0..1) of its inside is at or below it. */
  levelQuantile: number;
  /** Alpha levels (0..255 scale) above the plateau's level over which lowering fades out: a chain crossing the plateau keeps its alpha. */
  rampWidth: number;
  /** Without at least this many sure pixels there is no piece to keep, and nothing is lowered. */
  minSurePixels: number;
}

export const defaultUncertainPlateauOptions: UncertainPlateauOptions = {
  low: Math.round(defaultGuidedUpsampleOptions.snapLow * 255),
  high: Math.round(defaultGuidedUpsampleOptions.snapHigh * 255),
  insideRadiusPx: 4,
  leanBelow: 128,
  minSkinShare: 0.5,
  minShareOfSure: 1,
  levelQuantile: 0.9,
  rampWidth: 40,
  minSurePixels: 64,
};

export interface LoweredPlateaus {
  /** The mask with the plateaus lowered (a new mask; the input is not changed). */
  mask: Mask;
  /** Pixels whose alpha was lowered, not counting those enclosed by the sure piece (doubt about where the piece ends, not haze in a hole). */
  openPixels: number;
  /** Sure pixels (alpha ≥ `high`), which lowering never touches. */
  surePixels: number;
}

/**
 * Finds plateaus of middling alpha in a model mask (stretched over `image`; the px settings are for the model's
 * 1024² output). A plateau is lowered when its inside averages below `leanBelow`, is mostly skin-coloured in the
 * photo and is at least `minShareOfSure` of the sure piece: around it, alpha at or below its level L (the
 * `levelQuantile` of its inside) becomes 0 and alpha up to L + `rampWidth` is ramped back up to its own value,
 * so the plateau vanishes and the piece's edges and chains crossing it keep their alpha. Middling pixels away
 * from a lowered plateau are untouched, and so is a plateau whose level comes within `rampWidth` of `high` (not one
 * flat doubt). Memory: a few planes of the mask's size.
 */
export function lowerUncertainPlateaus(image: RgbaImage, mask: Mask, options: Partial<UncertainPlateauOptions> = {}): LoweredPlateaus {
  const settings = { ...defaultUncertainPlateauOptions, ...options };
  const rampWidth = Math.max(1, settings.rampWidth);
  const { width, height, data } = mask;
  const out: Mask = { width, height, data: new Uint8Array(data) };
  const sure = createBinaryPlaneWhere(width, height, (k) => data[k] >= settings.high);
  let surePixels = 0;
  for (let k = 0; k < sure.data.length; k++) surePixels += sure.data[k];
  if (surePixels < settings.minSurePixels) return { mask: out, openPixels: 0, surePixels };

  const middling = createBinaryPlaneWhere(width, height, (k) => data[k] > settings.low && data[k] < settings.high);
  const inside = erodeBinary(middling, settings.insideRadiusPx);
  const { labels, count } = labelBinaryRegions(middling);
  // Only regions whose inside is big enough are candidates; each gets a histogram of its inside's alpha (for the
  // mean and the level) and a count of its skin-coloured pixels.
  const insideCounts = new Uint32Array(count + 1);
  for (let k = 0; k < data.length; k++) if (inside.data[k]) insideCounts[labels[k]]++;
  const candidateIndex = new Int32Array(count + 1).fill(-1);
  let candidates = 0;
  for (let label = 1; label <= count; label++) {
    if (insideCounts[label] > 0 && insideCounts[label] >= settings.minShareOfSure * surePixels) candidateIndex[label] = candidates++;
  }
  const levels = new Float32Array(count + 1).fill(-1);
  if (candidates === 0) return { mask: out, openPixels: 0, surePixels };
  const histograms = new Uint32Array(candidates * 256);
  const skin = new Uint32Array(candidates);
  const photoColumns = mapNearestSourceIndices(width, image.width);
  const photoRows = mapNearestSourceIndices(height, image.height);
  for (let y = 0, k = 0; y < height; y++) {
    const photoRow = photoRows[y] * image.width;
    for (let x = 0; x < width; x++, k++) {
      const index = inside.data[k] ? candidateIndex[labels[k]] : -1;
      if (index < 0) continue;
      histograms[index * 256 + data[k]]++;
      const p = (photoRow + photoColumns[x]) * 4;
      if (isSkinColour(image.data[p], image.data[p + 1], image.data[p + 2])) skin[index]++;
    }
  }
  for (let label = 1; label <= count; label++) {
    const index = candidateIndex[label];
    if (index < 0) continue;
    const histogram = histograms.subarray(index * 256, index * 256 + 256);
    const total = insideCounts[label];
    let sum = 0;
    for (let v = 0; v < 256; v++) sum += v * histogram[v];
    if (sum / total >= settings.leanBelow || skin[index] < settings.minSkinShare * total) continue;
    let seen = 0;
    let level = 0;
    while (level < 255 && (seen += histogram[level]) < settings.levelQuantile * total) level++;
    // A plateau whose level reaches into the sure range is not one flat doubt (two peaks): left alone.
    if (level + rampWidth <= settings.high) levels[label] = level;
  }

  if (!levels.some((level) => level >= 0)) return { mask: out, openPixels: 0, surePixels };

  // Remap the lowered plateaus' insides and everything of their region within reach of them (the ramp to the piece).
  const lowered = createBinaryPlaneWhere(width, height, (k) => inside.data[k] === 1 && levels[labels[k]] >= 0);
  const reach = dilateBinary(lowered, settings.insideRadiusPx + 2);
  for (let k = 0; k < data.length; k++) {
    if (!reach.data[k] || !middling.data[k]) continue;
    const level = levels[labels[k]];
    if (level < 0) continue;
    const v = data[k];
    if (v < level + rampWidth) out.data[k] = Math.max(0, Math.round(((v - level) * (level + rampWidth)) / rampWidth));
  }

  const enclosed = findEnclosedBinary(sure);
  let openPixels = 0;
  for (let k = 0; k < data.length; k++) if (out.data[k] !== data[k] && !enclosed.data[k]) openPixels++;
  return { mask: out, openPixels, surePixels };
}
