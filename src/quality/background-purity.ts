// Quality metric: the share of the background (outside the piece, a margin around it and its shadow) that is exactly the look's colour.
import type { Mask, RgbaImage } from '../core/image';

export interface BackgroundPurityOptions {
  /**
   * Pixels within this many px of the piece (square neighbourhood: Chebyshev distance) are not background;
   * covers the anti-aliased edge and JPEG ringing. Default 0: only the piece itself is excluded.
   */
  excludeMarginPx?: number;
  /** Extra pixels to leave out (e.g. the shadow): wherever this mask is > 0. Same size as the image. */
  exclusionMask?: Mask;
  /** Largest per-channel difference (0..255) still counted as the look's colour. Default 0: exact. */
  toleranceLevels?: number;
}

export interface BackgroundPurity {
  /** 0..1: `pureBackgroundPx / backgroundPx`; 1 when there is no background at all (check `backgroundPx`). */
  purity: number;
  /** How many pixels counted as background. */
  backgroundPx: number;
  /** How many of them are the look's colour. */
  pureBackgroundPx: number;
}

/**
 * Measures background purity of `image` (RGB compared, alpha ignored) against the look's background: one sRGB
 * colour (0..255), or the expected canvas pixel by pixel (a gradient) of the same size.
 * The piece is every pixel where `pieceMask` > 0 (e.g. the output alpha), grown by `excludeMarginPx`.
 * Memory: two byte masks and one row of column counters.
 */
export function measureBackgroundPurity(
  image: RgbaImage,
  pieceMask: Mask,
  background: readonly [number, number, number] | RgbaImage,
  options: BackgroundPurityOptions = {},
): BackgroundPurity {
  const { width, height, data } = image;
  const exclusion = options.exclusionMask;
  for (const [name, mask] of [['pieceMask', pieceMask], ['exclusionMask', exclusion]] as const) {
    if (mask && (mask.width !== width || mask.height !== height)) {
      throw new RangeError(`measureBackgroundPurity: ${name} is ${mask.width}×${mask.height}, image is ${width}×${height}`);
    }
  }
  const marginPx = Math.max(0, Math.floor(options.excludeMarginPx ?? 0));
  const tolerance = options.toleranceLevels ?? 0;
  const reference = 'data' in background ? background.data : null;
  if ('data' in background && (background.width !== width || background.height !== height)) {
    throw new RangeError(`measureBackgroundPurity: the background is ${background.width}×${background.height}, image is ${width}×${height}`);
  }
  const flat = 'data' in background ? [0, 0, 0] : background;

  // Square dilation as two 1-D passes. Horizontal: is there a piece pixel within marginPx in this row?
  const nearInRow = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let lastPiece = -Infinity;
    for (let x = 0; x < width; x++) {
      if (pieceMask.data[row + x] > 0) lastPiece = x;
      if (x - lastPiece <= marginPx) nearInRow[row + x] = 1;
    }
    lastPiece = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (pieceMask.data[row + x] > 0) lastPiece = x;
      if (lastPiece - x <= marginPx) nearInRow[row + x] = 1;
    }
  }
  // Vertical, row by row with one counter per column: downward pass marks, upward pass marks and counts.
  const near = new Uint8Array(width * height);
  const lastRow = new Float64Array(width).fill(-Infinity);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (nearInRow[row + x]) lastRow[x] = y;
      if (y - lastRow[x] <= marginPx) near[row + x] = 1;
    }
  }
  lastRow.fill(Infinity);
  let backgroundPx = 0;
  let pureBackgroundPx = 0;
  for (let y = height - 1; y >= 0; y--) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (nearInRow[i]) lastRow[x] = y;
      if (near[i] || lastRow[x] - y <= marginPx) continue;
      if (exclusion && exclusion.data[i] > 0) continue;
      backgroundPx++;
      const p = i * 4;
      const bgR = reference ? reference[p] : flat[0];
      const bgG = reference ? reference[p + 1] : flat[1];
      const bgB = reference ? reference[p + 2] : flat[2];
      if (Math.abs(data[p] - bgR) <= tolerance && Math.abs(data[p + 1] - bgG) <= tolerance && Math.abs(data[p + 2] - bgB) <= tolerance) {
        pureBackgroundPx++;
      }
    }
  }
  return { purity: backgroundPx === 0 ? 1 : pureBackgroundPx / backgroundPx, backgroundPx, pureBackgroundPx };
}
