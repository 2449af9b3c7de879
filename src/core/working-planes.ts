// Reduced-resolution float copies of a photo and its mask (block averages) for mask analysis, and how full-resolution pixels map onto them.
import { createFloatPlane, type FloatPlane } from './float-plane';
import type { Mask, RgbaImage } from './image';

export interface WorkingPlanes {
  /** The photo's R, G, B at working resolution, 0..255. */
  image: FloatPlane;
  /** The mask at working resolution, 1 channel 0..255. */
  mask: FloatPlane;
  /** Full-resolution px per working px along each axis (an integer ≥ 1): working pixel (x, y) averages a factor² block. */
  factor: number;
}

/** The smallest integer factor that brings the longer side to at most `maxSidePx`. */
export function computeWorkingFactor(width: number, height: number, maxSidePx: number): number {
  return Math.max(1, Math.ceil(Math.max(width, height) / Math.max(1, maxSidePx)));
}

/**
 * Block averages of `image` (R, G, B) and `mask` over factor × factor blocks, the factor chosen so the longer
 * side is at most `maxSidePx` (blocks on the right and bottom edges may be partial). One pass over the photo;
 * memory: 16 bytes per working pixel.
 */
export function createWorkingPlanes(image: RgbaImage, mask: Mask, maxSidePx: number): WorkingPlanes {
  const factor = computeWorkingFactor(image.width, image.height, maxSidePx);
  const { width, height } = image;
  const W = Math.ceil(width / factor);
  const H = Math.ceil(height / factor);
  const planeImage = createFloatPlane(W, H, 3);
  const planeMask = createFloatPlane(W, H, 1);
  const sums = new Float64Array(W * 4);
  // Four bytes at once (R, G, B, A as one little- or big-endian word); alpha is not read.
  const bytes = image.data.byteOffset % 4 === 0 ? image.data : image.data.slice();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, width * height);
  const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const [shiftR, shiftG, shiftB] = isLittleEndian ? [0, 8, 16] : [24, 16, 8];
  const alpha = mask.data;
  for (let wy = 0; wy < H; wy++) {
    sums.fill(0);
    const y0 = wy * factor;
    const y1 = Math.min(height, y0 + factor);
    for (let y = y0; y < y1; y++) {
      for (let wx = 0, x = 0; wx < W; wx++) {
        const end = Math.min(width, x + factor);
        let r = 0;
        let g = 0;
        let b = 0;
        let a = 0;
        for (let p = y * width + x; x < end; x++, p++) {
          const word = words[p];
          r += (word >>> shiftR) & 255;
          g += (word >>> shiftG) & 255;
          b += (word >>> shiftB) & 255;
          a += alpha[p];
        }
        sums[wx * 4] += r;
        sums[wx * 4 + 1] += g;
        sums[wx * 4 + 2] += b;
        sums[wx * 4 + 3] += a;
      }
    }
    const rows = y1 - y0;
    for (let wx = 0; wx < W; wx++) {
      const n = rows * (Math.min(width, (wx + 1) * factor) - wx * factor);
      const k = wy * W + wx;
      planeImage.data[k * 3] = sums[wx * 4] / n;
      planeImage.data[k * 3 + 1] = sums[wx * 4 + 1] / n;
      planeImage.data[k * 3 + 2] = sums[wx * 4 + 2] / n;
      planeMask.data[k] = sums[wx * 4 + 3] / n;
    }
  }
  return { image: planeImage, mask: planeMask, factor };
}
