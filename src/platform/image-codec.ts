// Runs in: retouch worker. Decodes files to pixels (EXIF orientation, bounded size) and encodes pixels to files.
import type { RgbaImage } from '../core/image';
import { fitPixelBudget, imageHeaderBytes, orientedSize, readImageHeader } from '../core/image-header';
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

/** Encodes through a canvas: only pixels are written, so no EXIF (GPS, camera) from the source survives. */
export async function encodeImage(image: RgbaImage, format: OutputFormat, quality: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d', { colorSpace: 'srgb' });
  if (!context) throw new AppError('out-of-memory', 'No 2D canvas is available to encode the result.');
  context.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  return canvas.convertToBlob({ type: format, quality });
}
