// Quality metric: halo, the mean CIEDE2000 difference between the piece's outer edge ring and the target background, against a perfect cut.
import { computeDeltaE00Components, writeSrgbAsLab } from '../core/color-difference';
import type { Mask, RgbaImage } from '../core/image';

export interface EdgeRingDifference {
  /** Mean ΔE00 (≥ 0) of the ring pixels against the background colour; 0 when the ring is empty. */
  meanDeltaE00: number;
  /** How many pixels the ring has. */
  ringPx: number;
}

export interface HaloReference {
  /** The same piece cut perfectly (e.g. composed with the true alpha) on the same background. */
  image: RgbaImage;
  /** Its piece mask; defaults to the measured image's mask. */
  mask?: Mask;
}

export interface Halo {
  /** `measuredDeltaE00 − referenceDeltaE00` (not clamped: negative means cleaner edges than the reference); equals the measured figure without a reference. */
  haloDeltaE00: number;
  /** Mean ΔE00 of the output's outer edge ring against the background. */
  measuredDeltaE00: number;
  /** The same for the reference, or null when none was given. */
  referenceDeltaE00: number | null;
  /** Pixels in the output's ring. */
  ringPx: number;
}

/**
 * Mean ΔE00 between `image` and `backgroundRgb` (sRGB 0..255) over the one-pixel-wide outer edge ring of the
 * piece: background pixels (mask ≤ `threshold`) with a 4-neighbour in the piece (mask > `threshold`).
 * A clean cut on a uniform background gives 0 there (up to anti-aliasing of the edge); old backdrop colour
 * leaking into the edge raises it. Alpha is ignored. Memory: none beyond a few numbers.
 */
export function measureEdgeRingDeltaE00(
  image: RgbaImage,
  mask: Mask,
  backgroundRgb: readonly [number, number, number],
  threshold = 127,
): EdgeRingDifference {
  const { width, height, data } = image;
  if (mask.width !== width || mask.height !== height) {
    throw new RangeError(`measureEdgeRingDeltaE00: mask is ${mask.width}×${mask.height}, image is ${width}×${height}`);
  }
  const m = mask.data;
  const lab = new Float64Array(6);
  writeSrgbAsLab(backgroundRgb[0], backgroundRgb[1], backgroundRgb[2], lab, 0);
  let sum = 0;
  let ringPx = 0;
  // Edge pixels repeat colours (flat fringes, the background itself): reuse the last ΔE when the colour repeats.
  let lastKey = -1;
  let lastDeltaE = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (m[i] > threshold) continue;
      const touchesPiece =
        (x > 0 && m[i - 1] > threshold) ||
        (x < width - 1 && m[i + 1] > threshold) ||
        (y > 0 && m[i - width] > threshold) ||
        (y < height - 1 && m[i + width] > threshold);
      if (!touchesPiece) continue;
      const p = i * 4;
      const key = (data[p] << 16) | (data[p + 1] << 8) | data[p + 2];
      if (key !== lastKey) {
        writeSrgbAsLab(data[p], data[p + 1], data[p + 2], lab, 3);
        lastDeltaE = computeDeltaE00Components(lab[3], lab[4], lab[5], lab[0], lab[1], lab[2]);
        lastKey = key;
      }
      sum += lastDeltaE;
      ringPx++;
    }
  }
  return { meanDeltaE00: ringPx === 0 ? 0 : sum / ringPx, ringPx };
}

/**
 * Halo of an output: its edge-ring ΔE00 (see `measureEdgeRingDeltaE00`) minus the same for a perfect-cut
 * `reference` when given, so the anti-aliased edge a perfect cut also has does not count as halo.
 * Both raw figures are returned too.
 */
export function measureHalo(
  image: RgbaImage,
  mask: Mask,
  backgroundRgb: readonly [number, number, number],
  reference?: HaloReference,
  threshold = 127,
): Halo {
  const measured = measureEdgeRingDeltaE00(image, mask, backgroundRgb, threshold);
  const referenceDeltaE00 = reference
    ? measureEdgeRingDeltaE00(reference.image, reference.mask ?? mask, backgroundRgb, threshold).meanDeltaE00
    : null;
  return {
    haloDeltaE00: measured.meanDeltaE00 - (referenceDeltaE00 ?? 0),
    measuredDeltaE00: measured.meanDeltaE00,
    referenceDeltaE00,
    ringPx: measured.ringPx,
  };
}
