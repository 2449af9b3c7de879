// The cast of a white metal, measured on its own pixels: textured, specular, near-neutral ones, away from smooth blobs
// (pearls, cabochons, opals), whose colour is their own.
import { closeBinary, createBinaryPlaneWhere, dilateBinary, erodeBinary, findEnclosedBinary, type BinaryPlane } from './binary-morphology';
import { filterBoxMeanPlaneInPlace, filterBoxMeanRows } from './box-filter';
import { decodeSrgbToLinear, writeLinearRgbAsLab } from './color-transfer';
import type { Mask, RgbaImage } from './image';
import { rampUp } from './ramp';
import { createWorkingPlanes } from './working-planes';

/** The tint of a white metal's own pixels (CIELAB), measured by `estimateWhiteMetalCast`. */
export interface WhiteMetalCast {
  a: number;
  b: number;
  /** Median L* of the pixels it was measured on (the cast of a light source grows with L*). */
  lightness: number;
  /** Weight of the evidence over the piece's pixels (0..1). */
  evidenceShare: number;
  /**
   * Median a*, b* of the backdrop right around the piece, or null when too little of it shows (a piece filling
   * the photo). A light's cast tints it too; a tint of the metal's own (a reflection) does not.
   */
  surround: { a: number; b: number } | null;
}

/** How the white metal's cast is measured: on its textured, near-neutral pixels, away from smooth blobs (pearls, cabochons). */
export interface WhiteMetalCastOptions {
  /** Longer side of the working copy, px; the radii below are in its pixels. */
  workingSidePx: number;
  /** Window radius of the texture measure (RMS of L* around its local mean). */
  textureRadiusPx: number;
  /** Texture (L*) below which a pixel is smooth. */
  smoothTexture: number;
  /** Specks (specular dots, small reflections) narrower than about 2× this are sealed into the smooth area around them. */
  sealRadiusPx: number;
  /** Smooth areas that survive an opening of this radius are blobs (pearls, cabochons, large domes); their holes count as theirs. */
  blobRadiusPx: number;
  /** Blobs are grown by this much before their pixels are left out (their rims). */
  guardRadiusPx: number;
  /** Texture ramp (L*) over which a pixel's weight as evidence rises from `baseWeight` to 1 (specular metal is textured). */
  textureWeight: [number, number];
  baseWeight: number;
  /** L* range of pixels that carry the metal's colour (deep shadows and clipped highlights do not). */
  lightnessRange: [number, number];
  /** Chroma above which a pixel is not a tinted white metal (gold, coloured stones). */
  maxChroma: number;
  /** Chroma scale of the preference for near-neutral clusters (the metal's cast is what white balance left). */
  neutralPriorChroma: number;
  /** Distance (a*b*) from the cluster's peak within which pixels belong to it. */
  clusterChroma: number;
  /** Least evidence (share of the piece's working pixels, and count) for a measurement. */
  minEvidenceShare: number;
  minEvidencePx: number;
  /** The surround: backdrop pixels (mask 0) from `gapPx` to `radiusPx` outside the piece, at least `minPx` of them. */
  surround: { gapPx: number; radiusPx: number; minPx: number };
}

export const defaultWhiteMetalCastOptions: WhiteMetalCastOptions = {
  workingSidePx: 512,
  textureRadiusPx: 2,
  smoothTexture: 1.5,
  sealRadiusPx: 3,
  blobRadiusPx: 3,
  guardRadiusPx: 2,
  textureWeight: [1, 5],
  baseWeight: 0.25,
  lightnessRange: [20, 92],
  maxChroma: 16,
  neutralPriorChroma: 5,
  clusterChroma: 3,
  minEvidenceShare: 0.005,
  minEvidencePx: 16,
  surround: { gapPx: 3, radiusPx: 16, minPx: 64 },
};

/** L*, a*, b* (3 floats per pixel) of `count` block-averaged sRGB pixels (0..255, not rounded). */
function convertPlaneToLab(rgb: Float32Array, count: number): Float32Array {
  const lab = new Float32Array(count * 3);
  const out = new Float64Array(3);
  for (let k = 0; k < count; k++) {
    writeLinearRgbAsLab(decodeSrgbToLinear(rgb[k * 3]), decodeSrgbToLinear(rgb[k * 3 + 1]), decodeSrgbToLinear(rgb[k * 3 + 2]), out);
    lab[k * 3] = out[0];
    lab[k * 3 + 1] = out[1];
    lab[k * 3 + 2] = out[2];
  }
  return lab;
}

/**
 * The mean of `valueAt(k)` over the piece's pixels (`inside` 1) in each (2·radiusPx + 1)² window; NaN where a
 * window holds none of them.
 */
function filterInsideMean(inside: Uint8Array, width: number, height: number, radiusPx: number, valueAt: (k: number) => number): Float64Array {
  const means = new Float64Array(width * height);
  filterBoxMeanRows(
    width,
    height,
    2,
    radiusPx,
    (y, row) => {
      for (let x = 0, k = y * width; x < width; x++, k++) {
        row[x * 2] = inside[k];
        row[x * 2 + 1] = inside[k] ? valueAt(k) : 0;
      }
    },
    (y, mean) => {
      for (let x = 0, k = y * width; x < width; x++, k++) means[k] = mean[x * 2] > 0 ? mean[x * 2 + 1] / mean[x * 2] : Number.NaN;
    },
  );
  return means;
}

/**
 * Texture per pixel: the RMS over a (2·radiusPx + 1)² window of L* minus its local mean, both taken over the
 * piece's pixels only (`inside` 1), so neither a smooth shading gradient nor the silhouette counts as texture.
 */
function measurePieceTexture(lab: Float32Array, inside: Uint8Array, width: number, height: number, radiusPx: number): Float32Array {
  const localL = filterInsideMean(inside, width, height, radiusPx, (k) => lab[k * 3]);
  const detail = new Float32Array(width * height);
  for (let k = 0; k < detail.length; k++) detail[k] = inside[k] && !Number.isNaN(localL[k]) ? lab[k * 3] - localL[k] : 0;
  const variance = filterInsideMean(inside, width, height, radiusPx, (k) => detail[k] * detail[k]);
  const texture = new Float32Array(width * height);
  for (let k = 0; k < texture.length; k++) texture[k] = Number.isNaN(variance[k]) ? 0 : Math.sqrt(variance[k]);
  return texture;
}

/** The weighted median of `values[i]` (weights `weights[i]`, for indices in `members`), binned at `binWidth` from `min`. */
function measureWeightedMedian(values: Float32Array, weights: Float32Array, members: Int32Array, min: number, max: number, binWidth: number): number {
  const histogram = new Float64Array(Math.ceil((max - min) / binWidth));
  let total = 0;
  for (const i of members) {
    histogram[Math.min(histogram.length - 1, Math.max(0, Math.floor((values[i] - min) / binWidth)))] += weights[i];
    total += weights[i];
  }
  let below = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    below += histogram[bin];
    if (below >= total / 2) return min + (bin + 0.5) * binWidth;
  }
  return max;
}

/** Pixels that may show the white metal's colour: their a*, b*, L* and weight as evidence. */
interface CastEvidence {
  a: Float32Array;
  b: Float32Array;
  l: Float32Array;
  weight: Float32Array;
  count: number;
}

/**
 * The densest cluster of `evidence` in the a*b* plane, favouring clusters near neutral (a tinted white metal
 * sits close to grey; pale stones, enamel and resin further out): the peak of the weighted a*b* histogram,
 * smoothed and multiplied by a Gaussian of chroma.
 */
function findNeutralMode(evidence: CastEvidence, options: WhiteMetalCastOptions): { a: number; b: number } {
  const binWidth = 0.5;
  const side = Math.ceil((2 * options.maxChroma) / binWidth);
  const histogram = new Float32Array(side * side);
  const binOf = (value: number): number => Math.min(side - 1, Math.max(0, Math.floor((value + options.maxChroma) / binWidth)));
  for (let i = 0; i < evidence.count; i++) histogram[binOf(evidence.b[i]) * side + binOf(evidence.a[i])] += evidence.weight[i];
  const plane = { width: side, height: side, channels: 1, data: histogram };
  filterBoxMeanPlaneInPlace(plane, 2);
  filterBoxMeanPlaneInPlace(plane, 2);
  let best = -1;
  let bestScore = -1;
  const spread = 2 * options.neutralPriorChroma * options.neutralPriorChroma;
  for (let k = 0; k < histogram.length; k++) {
    const a = -options.maxChroma + ((k % side) + 0.5) * binWidth;
    const b = -options.maxChroma + (Math.floor(k / side) + 0.5) * binWidth;
    const score = histogram[k] * Math.exp(-(a * a + b * b) / spread);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return { a: -options.maxChroma + ((best % side) + 0.5) * binWidth, b: -options.maxChroma + (Math.floor(best / side) + 0.5) * binWidth };
}

/** Median a*, b* of the backdrop (mask about 0) between `gapPx` and `radiusPx` around the piece (`inside` 1); null when under `minPx` such pixels. */
function measureSurround(
  lab: Float32Array,
  mask: Float32Array,
  inside: BinaryPlane,
  options: WhiteMetalCastOptions['surround'],
): { a: number; b: number } | null {
  const near = dilateBinary(inside, options.gapPx);
  const around = dilateBinary(inside, options.radiusPx);
  const members: number[] = [];
  for (let k = 0; k < mask.length; k++) if (around.data[k] && !near.data[k] && mask[k] <= 2) members.push(k);
  if (members.length < options.minPx) return null;
  const a = new Float32Array(members.length);
  const b = new Float32Array(members.length);
  members.forEach((k, i) => {
    a[i] = lab[k * 3 + 1];
    b[i] = lab[k * 3 + 2];
  });
  const weights = new Float32Array(members.length).fill(1);
  const all = Int32Array.from(members.keys());
  return { a: measureWeightedMedian(a, weights, all, -128, 128, 0.05), b: measureWeightedMedian(b, weights, all, -128, 128, 0.05) };
}

/**
 * The white metal's cast: the a*, b* of the piece's dominant near-neutral colour cluster (weighted medians
 * of the pixels around its peak), measured on a small working copy, or null when too few pixels qualify.
 * A colour alone cannot tell a cream pearl from tinted silver, so the measurement leans on where pixels are:
 * metal is specular (sharp highlights and reflections, weighted up by their texture), whereas pearls, opals,
 * moonstones and other cabochons are smooth blobs (large smooth areas, their highlights and rims included)
 * and are left out.
 */
export function estimateWhiteMetalCast(
  image: RgbaImage,
  mask: Mask,
  options: WhiteMetalCastOptions = defaultWhiteMetalCastOptions,
): WhiteMetalCast | null {
  if (mask.width !== image.width || mask.height !== image.height) {
    throw new RangeError(`estimateWhiteMetalCast: mask is ${mask.width}×${mask.height}, image is ${image.width}×${image.height}`);
  }
  const planes = createWorkingPlanes(image, mask, options.workingSidePx);
  const { width, height } = planes.image;
  const count = width * height;
  const lab = convertPlaneToLab(planes.image.data, count);
  const insidePlane = createBinaryPlaneWhere(width, height, (k) => planes.mask.data[k] >= 128);
  const inside = insidePlane.data;
  const texture = measurePieceTexture(lab, inside, width, height, options.textureRadiusPx);
  const isCovered = (k: number): boolean => planes.mask.data[k] >= 250;

  // Smooth blobs: smooth pixels with specks sealed, what survives an opening, their enclosed holes, grown by the guard.
  const smooth = createBinaryPlaneWhere(width, height, (k) => isCovered(k) && texture[k] < options.smoothTexture);
  const blobs = dilateBinary(erodeBinary(closeBinary(smooth, options.sealRadiusPx), options.blobRadiusPx), options.blobRadiusPx);
  const holes = findEnclosedBinary(blobs);
  for (let k = 0; k < count; k++) if (holes.data[k] && inside[k]) blobs.data[k] = 1;
  const excluded = dilateBinary(blobs, options.guardRadiusPx);

  const evidence: CastEvidence = { a: new Float32Array(count), b: new Float32Array(count), l: new Float32Array(count), weight: new Float32Array(count), count: 0 };
  const [minL, maxL] = options.lightnessRange;
  const [textureFrom, textureTo] = options.textureWeight;
  let pieceCount = 0;
  for (let k = 0; k < count; k++) {
    if (!isCovered(k)) continue;
    pieceCount++;
    const l = lab[k * 3];
    const a = lab[k * 3 + 1];
    const b = lab[k * 3 + 2];
    if (excluded.data[k] || l < minL || l > maxL || Math.hypot(a, b) > options.maxChroma) continue;
    const i = evidence.count++;
    evidence.a[i] = a;
    evidence.b[i] = b;
    evidence.l[i] = l;
    evidence.weight[i] = options.baseWeight + (1 - options.baseWeight) * rampUp(texture[k], textureFrom, textureTo);
  }
  if (evidence.count === 0) return null;
  const mode = findNeutralMode(evidence, options);
  const members: number[] = [];
  let weight = 0;
  for (let i = 0; i < evidence.count; i++) {
    if (Math.hypot(evidence.a[i] - mode.a, evidence.b[i] - mode.b) > options.clusterChroma) continue;
    members.push(i);
    weight += evidence.weight[i];
  }
  if (members.length < options.minEvidencePx || weight < options.minEvidenceShare * pieceCount) return null;
  const clustered = Int32Array.from(members);
  const range = options.maxChroma;
  return {
    a: measureWeightedMedian(evidence.a, evidence.weight, clustered, -range, range, 0.05),
    b: measureWeightedMedian(evidence.b, evidence.weight, clustered, -range, range, 0.05),
    lightness: measureWeightedMedian(evidence.l, evidence.weight, clustered, 0, 100, 0.1),
    evidenceShare: weight / pieceCount,
    surround: measureSurround(lab, planes.mask.data, insidePlane, options.surround),
  };
}
