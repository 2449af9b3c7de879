// PNG and JPEG files for tests and e2e fixtures (pngjs, jpeg-js): encode generated images, decode pipeline outputs.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Mask, RgbaImage } from '../../src/core/image';

function isMask(image: RgbaImage | Mask): image is Mask {
  return image.data.length === image.width * image.height;
}

/** Encodes an RGBA image as an RGBA PNG, or a mask as an 8-bit greyscale PNG. */
export function encodePng(image: RgbaImage | Mask): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  if (isMask(image)) {
    for (let p = 0; p < image.data.length; p++) {
      png.data[p * 4] = png.data[p * 4 + 1] = png.data[p * 4 + 2] = image.data[p];
      png.data[p * 4 + 3] = 255;
    }
    return new Uint8Array(PNG.sync.write(png, { colorType: 0 }));
  }
  png.data.set(image.data);
  return new Uint8Array(PNG.sync.write(png));
}

/** Decodes any PNG to RGBA (greyscale and palette files are expanded). */
export function decodePng(bytes: Uint8Array): RgbaImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}

/** Decodes a PNG and keeps its red channel as a mask (for masks written by `encodePng`). */
export function decodeMaskPng(bytes: Uint8Array): Mask {
  const image = decodePng(bytes);
  const data = new Uint8Array(image.width * image.height);
  for (let p = 0; p < data.length; p++) data[p] = image.data[p * 4];
  return { width: image.width, height: image.height, data };
}

/** Encodes a baseline JPEG; `quality` 1..100 (jpeg-js scale). Alpha is ignored. */
export function encodeJpeg(image: RgbaImage, quality = 90): Uint8Array {
  const encoded = jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality);
  return new Uint8Array(encoded.data);
}

/** Decodes a JPEG to opaque RGBA. */
export function decodeJpeg(bytes: Uint8Array): RgbaImage {
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
  return { width: decoded.width, height: decoded.height, data: new Uint8ClampedArray(decoded.data) };
}

/** A JPEG's frame header: its SOF marker (0xc0 baseline, 0xc2 progressive) and each component's sampling factors (0x11 = 1×1). */
export function readJpegFrame(bytes: Uint8Array): { marker: number; samplingFactors: number[] } {
  for (let i = 2; i + 3 < bytes.length; ) {
    const marker = bytes[i + 1];
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (marker >= 0xc0 && marker <= 0xc2) {
      const components = bytes[i + 9];
      return { marker, samplingFactors: Array.from({ length: components }, (_, c) => bytes[i + 11 + c * 3]) };
    }
    i += 2 + length;
  }
  throw new Error('No JPEG frame header found.');
}
