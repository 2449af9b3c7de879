// The pass both white-on-white ops end with: the strongest candidate in each working pixel, the candidates connected
// to the piece, and those pixels' alpha raised to their candidate's.
import { createBinaryPlaneWhere, selectConnectedToSeeds, type BinaryPlane } from '../../../core/binary-morphology';
import type { Rect } from '../../../core/geometry';
import { createMask, type Mask } from '../../../core/image';

export interface JoinedCandidates {
  /** The photo's mask, and the working factor (photo px per working px) of the crop below. */
  mask: Mask;
  factor: number;
  /** Working-resolution rectangle everything happens in, and the piece inside it (crop-sized). */
  crop: Rect;
  piece: BinaryPlane;
  /** Working pixels (crop index) whose photo pixels may be candidates at all. */
  isConsidered: (k: number) => boolean;
  /** Candidate alpha 0..1 of photo pixel `p` in working pixel `k`. */
  measureCandidate: (p: number, k: number) => number;
  /** A working pixel whose strongest candidate reaches this may join the piece. */
  candidateAbove: number;
  /** Alpha (0..255) a candidate of 1 is raised to. */
  scale: number;
  /** Called between rows with the fraction done (0..1); may throw to abort. */
  checkpoint?: (fraction: number) => void;
}

/**
 * Raises the alpha of photo pixels in considered working pixels that connect to the piece through candidates (a
 * working pixel is one when its strongest photo pixel reaches `candidateAbove`) to `scale` times their candidate;
 * never lowers it. Returns the new mask (always a copy), the count raised and the joined working pixels.
 */
export function raiseJoinedCandidates(input: JoinedCandidates): { mask: Mask; raisedPixels: number; joined: BinaryPlane } {
  const { mask, factor: f, crop, piece, isConsidered, measureCandidate, checkpoint } = input;
  const { width, height } = mask;
  const cw = crop.width;
  const x0 = crop.x * f;
  const x1 = Math.min(width, (crop.x + cw) * f);
  const y0 = crop.y * f;
  const y1 = Math.min(height, (crop.y + crop.height) * f);
  const columnOf = new Int32Array(x1);
  for (let x = x0; x < x1; x++) columnOf[x] = Math.floor(x / f);

  // The strongest candidate inside each working pixel, so thin parts still register.
  const strongest = new Float32Array(cw * crop.height);
  for (let y = y0; y < y1; y++) {
    const row = (Math.floor(y / f) - crop.y) * cw - crop.x;
    for (let x = x0, p = y * width + x0; x < x1; x++, p++) {
      const k = row + columnOf[x];
      if (!isConsidered(k)) continue;
      const a = measureCandidate(p, k);
      if (a > strongest[k]) strongest[k] = a;
    }
    if (checkpoint && (y & 63) === 63) checkpoint(((7 / 12) * (y - y0)) / (y1 - y0));
  }
  const region = createBinaryPlaneWhere(cw, crop.height, (k) => piece.data[k] === 1 || strongest[k] >= input.candidateAbove);
  const joined = selectConnectedToSeeds(region, piece);
  checkpoint?.(2 / 3);

  const out = createMask(width, height);
  out.data.set(mask.data);
  let raisedPixels = 0;
  let isAnyJoined = false;
  for (let k = 0; k < joined.data.length && !isAnyJoined; k++) isAnyJoined = joined.data[k] === 1 && isConsidered(k);
  for (let y = isAnyJoined ? y0 : y1; y < y1; y++) {
    const row = (Math.floor(y / f) - crop.y) * cw - crop.x;
    for (let x = x0, p = y * width + x0; x < x1; x++, p++) {
      const k = row + columnOf[x];
      if (!joined.data[k] || !isConsidered(k)) continue;
      const target = Math.round(input.scale * measureCandidate(p, k));
      if (target > out.data[p]) {
        out.data[p] = target;
        raisedPixels++;
      }
    }
    if (checkpoint && (y & 63) === 63) checkpoint(2 / 3 + ((1 / 3) * (y - y0)) / (y1 - y0));
  }
  return { mask: out, raisedPixels, joined };
}
