// How much a picture varies around each pixel: the standard deviation of luma over a small square window (texture and edges versus smooth areas).
import { filterBoxMeanRows } from './box-filter';
import { lumaWeights } from './color';
import type { FloatPlane } from './float-plane';

/**
 * Standard deviation of luma (0..255 scale) over the (2·radiusPx + 1)² window around each pixel of `image`
 * (3 channels 0..255; windows clipped at the borders). Extra memory: a few rows.
 */
export function measureLocalDeviation(image: FloatPlane, radiusPx: number): Float32Array {
  const { width, height, data } = image;
  const out = new Float32Array(width * height);
  filterBoxMeanRows(
    width,
    height,
    2,
    radiusPx,
    (y, row) => {
      for (let x = 0, k = y * width; x < width; x++, k++) {
        const luma = lumaWeights[0] * data[k * 3] + lumaWeights[1] * data[k * 3 + 1] + lumaWeights[2] * data[k * 3 + 2];
        row[x * 2] = luma;
        row[x * 2 + 1] = luma * luma;
      }
    },
    (y, mean) => {
      for (let x = 0, k = y * width; x < width; x++, k++) {
        const m = mean[x * 2];
        out[k] = Math.sqrt(Math.max(0, mean[x * 2 + 1] - m * m));
      }
    },
  );
  return out;
}
