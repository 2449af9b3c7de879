// Runs in: main thread. Makes a small preview of an original (EXIF orientation applied); fails on an undecodable file.
import { imageHeaderBytes, orientedSize, readImageHeader } from '../core/image-header';
import { AppError } from '../pipeline/errors';

const longEdgePx = 320;

export async function makeSourceThumbnail(blob: Blob): Promise<Blob> {
  const header = readImageHeader(new Uint8Array(await blob.slice(0, imageHeaderBytes).arrayBuffer()));
  const size = orientedSize(header);
  const isLandscape = size.width === 0 || size.width >= size.height;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      resizeQuality: 'medium',
      ...(isLandscape ? { resizeWidth: Math.min(longEdgePx, size.width || longEdgePx) } : { resizeHeight: Math.min(longEdgePx, size.height) }),
    });
  } catch (error) {
    throw new AppError('decode-failed', 'This file could not be read as a photo: it is damaged, incomplete, or in a format this browser cannot open.', { cause: error });
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  } finally {
    bitmap.close();
  }
}

/** Accepts what a browser can usually decode; everything else dropped in a folder is skipped, not failed. */
export function isLikelyImageFile(file: { name: string; type: string }): boolean {
  return file.type.startsWith('image/') || /\.(jpe?g|png|webp|heic|heif|avif|gif|bmp)$/i.test(file.name);
}
