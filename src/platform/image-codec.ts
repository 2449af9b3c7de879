// Runs in: retouch worker. Decodes files to pixels (EXIF orientation, bounded size) and encodes pixels to files.
import encodeMozJpeg, { init as initMozJpeg } from '@jsquash/jpeg/encode.js';
import mozJpegWasmUrl from '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm?url';
import type { RgbaImage } from '../core/image';
import { fitPixelBudget, imageHeaderBytes, orientedSize, readImageHeader } from '../core/image-header';
import { chooseMozJpegOptions } from '../core/jpeg-options';
import { AppError } from '../pipeline/errors';
import type { DecodeInfo, OutputFormat } from '../pipeline/stage';

const formatNames: Record<string, string> = { heic: 'HEIC', avif: 'AVIF', bmp: 'BMP', gif: 'GIF' };

export async function decodeImageFile(blob: Blob, maxPixels: number): Promise<{ image: RgbaImage; info: DecodeInfo }> {
  const header = readImageHeader(new Uint8Array(await blob.slice(0, imageHeaderBytes).arrayBuffer()));
  if (header.format === 'unknown') {
    throw new AppError('unsupported-format', 'This file is not a photo Lustre can read (JPEG, PNG, WebP).');
  }
  const known = orientedSize(header);
  const target = known.width > 0 ? fitPixelBudget(known.width, known.height, maxPixels) : undefined;
  const isResized = !!target && (target.width !== known.width || target.height !== known.height);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      colorSpaceConversion: 'default',
      premultiplyAlpha: 'none',
      ...(isResized ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' as const } : {}),
    });
  } catch (error) {
    const name = formatNames[header.format];
    throw new AppError(
      name ? 'unsupported-format' : 'decode-failed',
      name
        ? `This browser cannot decode ${name} files. Export the photo as JPEG or PNG and add it again.`
        : `The file could not be decoded: it is damaged or not a complete ${header.format.toUpperCase()} image.`,
      { cause: error },
    );
  }
  try {
    // If the browser resized before orienting (or ignored the resize), the budget is enforced here instead.
    const fitted = fitPixelBudget(bitmap.width, bitmap.height, maxPixels);
    const image = drawBitmap(bitmap, fitted.width, fitted.height);
    const original = known.width > 0 ? known : { width: bitmap.width, height: bitmap.height };
    return {
      image,
      info: {
        originalWidth: original.width,
        originalHeight: original.height,
        wasDownscaled: image.width !== original.width || image.height !== original.height,
      },
    };
  } finally {
    bitmap.close();
  }
}

function drawBitmap(bitmap: ImageBitmap, width: number, height: number): RgbaImage {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' });
  if (!context) throw new AppError('out-of-memory', 'No 2D canvas is available to decode the photo.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  const pixels = context.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
  return { width, height, data: pixels.data };
}

/** MozJPEG's WebAssembly is instantiated on the first JPEG and reused; a failure drops it, so the next JPEG starts a fresh one. */
let isMozJpegStarted = false;
let hasWarnedMozJpegFallback = false;

/**
 * Encodes the finished picture. JPEG goes through MozJPEG (see chooseMozJpegOptions: 4:4:4 at quality ≥ 0.9 and
 * overshoot deringing keep far more of the background next to the piece pure white than the canvas encoder, which
 * rings there); PNG and WebP through the canvas. If MozJPEG cannot load or encode (e.g. out of memory), the canvas writes the JPEG instead.
 * Only pixels are written, so no EXIF (GPS, camera) from the source survives.
 */
export async function encodeImage(image: RgbaImage, format: OutputFormat, quality: number): Promise<Blob> {
  if (format !== 'image/jpeg') return encodeWithCanvas(image, format, quality);
  try {
    return await encodeWithMozJpeg(image, quality);
  } catch (error) {
    isMozJpegStarted = false;
    if (!hasWarnedMozJpegFallback) console.warn('MozJPEG failed; encoding JPEGs with the canvas encoder instead.', error);
    hasWarnedMozJpegFallback = true;
    return encodeWithCanvas(image, format, quality);
  }
}

async function encodeWithMozJpeg(image: RgbaImage, quality: number): Promise<Blob> {
  if (!isMozJpegStarted) {
    isMozJpegStarted = true;
    // The wasm URL comes from Vite (`?url`), so dev and build both serve it; jSquash otherwise looks next to its own script.
    await initMozJpeg({ locateFile: () => mozJpegWasmUrl });
  }
  const pixels = new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
  const bytes: unknown = await encodeMozJpeg(pixels, chooseMozJpegOptions(quality));
  // On a libjpeg error the codec hands back no bytes (its message instead of a buffer): treat that as a failure.
  if (!(bytes instanceof ArrayBuffer) || bytes.byteLength === 0) throw new Error('MozJPEG returned no JPEG data.');
  return new Blob([bytes], { type: 'image/jpeg' });
}

/**
 * Encodes through a canvas (fast; JPEG is the browser's libjpeg-turbo at 4:2:0, which rings near edges): PNG, WebP,
 * and the thumbnail JPEG, where speed matters more than a pure background.
 * Only pixels are written, so no EXIF (GPS, camera) from the source survives.
 */
export async function encodeWithCanvas(image: RgbaImage, format: OutputFormat, quality: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d', { colorSpace: 'srgb' });
  if (!context) throw new AppError('out-of-memory', 'No 2D canvas is available to encode the result.');
  context.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  return canvas.convertToBlob({ type: format, quality });
}
