// Pixel types shared by every thread: an RGBA image shaped like ImageData, and a one-channel mask.

/** 8-bit RGBA pixels, row-major, no padding. Same shape as ImageData. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** One-channel 8-bit mask (0 = background, 255 = piece), row-major. */
export interface Mask {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createImage(width: number, height: number, fill?: [number, number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  if (fill) {
    for (let i = 0; i < data.length; i += 4) {
      data[i] = fill[0];
      data[i + 1] = fill[1];
      data[i + 2] = fill[2];
      data[i + 3] = fill[3];
    }
  }
  return { width, height, data };
}

export function createMask(width: number, height: number, fill = 0): Mask {
  const data = new Uint8Array(width * height);
  if (fill) data.fill(fill);
  return { width, height, data };
}
