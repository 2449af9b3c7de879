// Which pixels of the finished picture are white background: what the JPEG encoder must keep exactly white.
import { createMask, type Mask, type RgbaImage } from '../../../core/image';

/**
 * The pixels outside the piece (`alpha` 0) that are exactly (255, 255, 255) in `image`: a white look's background,
 * or the white part of a sweep, and never the shadow. Null when there is none (a coloured or grey look).
 */
export function markWhiteBackground(image: RgbaImage, alpha: Mask | undefined): Mask | null {
  const { width, height, data } = image;
  if (alpha && (alpha.width !== width || alpha.height !== height)) {
    throw new RangeError(`markWhiteBackground: the alpha is ${alpha.width}×${alpha.height}, the picture ${width}×${height}`);
  }
  const mask = createMask(width, height);
  let count = 0;
  for (let i = 0; i < width * height; i++) {
    if (alpha && alpha.data[i] > 0) continue;
    const p = i * 4;
    if ((data[p] & data[p + 1] & data[p + 2]) !== 255) continue;
    mask.data[i] = 255;
    count++;
  }
  return count > 0 ? mask : null;
}
