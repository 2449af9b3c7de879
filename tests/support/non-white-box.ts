// Finds where a piece sits on a white output: the bounding box of pixels that are not (near) white.
import type { RgbaImage } from '../../src/core/image';

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Box of pixels whose darkest channel is more than `tolerance` below 255; null on an all-white image. */
export function findNonWhiteBox(image: RgbaImage, tolerance: number): PixelBox | null {
  const { width, height, data } = image;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (255 - Math.min(data[i], data[i + 1], data[i + 2]) > tolerance) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
