// Row sources over our pixel types (RgbaImage, Mask, FloatPlane), so the resampler can read them without copies.
import type { FloatPlane } from './float-plane';
import type { Mask, RgbaImage } from './image';
import type { RowSource } from './resample-rows';

/** Reads an image's R, G, B (channels 3) or R, G, B, A (channels 4) as floats 0..255. */
export function createImageRowSource(image: RgbaImage, channels: 3 | 4 = 4): RowSource {
  const { width, height, data } = image;
  return {
    width,
    height,
    channels,
    readRow(y, x0, x1, out) {
      let i = (y * width + x0) * 4;
      let o = 0;
      if (channels === 4) {
        for (let x = x0; x < x1; x++, i += 4, o += 4) {
          out[o] = data[i];
          out[o + 1] = data[i + 1];
          out[o + 2] = data[i + 2];
          out[o + 3] = data[i + 3];
        }
      } else {
        for (let x = x0; x < x1; x++, i += 4, o += 3) {
          out[o] = data[i];
          out[o + 1] = data[i + 1];
          out[o + 2] = data[i + 2];
        }
      }
    },
  };
}

/** Reads a mask as one float channel, 0..255. */
export function createMaskRowSource(mask: Mask): RowSource {
  const { width, height, data } = mask;
  return {
    width,
    height,
    channels: 1,
    readRow(y, x0, x1, out) {
      const offset = y * width;
      for (let x = x0; x < x1; x++) out[x - x0] = data[offset + x];
    },
  };
}

/** Reads a float plane as is. */
export function createPlaneRowSource(plane: FloatPlane): RowSource {
  const { width, height, channels, data } = plane;
  return {
    width,
    height,
    channels,
    readRow(y, x0, x1, out) {
      out.set(data.subarray((y * width + x0) * channels, (y * width + x1) * channels));
    },
  };
}
