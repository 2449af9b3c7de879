// Runs in: retouch worker. Decodes files to pixels (EXIF orientation, bounded size) and encodes pixels to files.
import decodeMozJpeg, { init as initMozJpegDecoder } from '@jsquash/jpeg/decode.js';
import encodeMozJpeg, { init as initMozJpeg } from '@jsquash/jpeg/encode.js';
import mozJpegDecoderWasmUrl from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm?url';
import mozJpegWasmUrl from '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm?url';
import type { RgbaImage } from '../core/image';
import { fitPixelBudget, imageHeaderBytes, orientedSize, readImageHeader } from '../core/image-header';
import { chooseMozJpegOptions } from '../core/jpeg-options';
import { keepJpegWhitePure } from '../core/jpeg-pure-white';
import { AppError } from '../pipeline/errors';
import type { DecodeInfo, EncodeOptions, OutputFormat } from '../pipeline/stage';

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
 * overshoot deringing ring far less next to the piece than the canvas encoder); with `options.mustStayWhite`, the
 * JPEG is then reworked until those pixels decode to exactly 255 in IJG decoders (keepJpegWhitePure).
 * PNG and WebP go through the canvas. If MozJPEG cannot load or encode (e.g. out of memory), the canvas writes the
 * JPEG instead. Only pixels are written, so no EXIF (GPS, camera) from the source survives.
 */
export async function encodeImage(image: RgbaImage, format: OutputFormat, quality: number, options: EncodeOptions = {}): Promise<Blob> {
  if (format !== 'image/jpeg') return encodeWithCanvas(image, format, quality);
  let bytes: Uint8Array;
  try {
    bytes = await encodeWithMozJpeg(image, quality, !!options.mustStayWhite);
  } catch (error) {
    isMozJpegStarted = false;
    if (!hasWarnedMozJpegFallback) console.warn('MozJPEG failed; encoding JPEGs with the canvas encoder instead.', error);
    hasWarnedMozJpegFallback = true;
    return encodeWithCanvas(image, format, quality);
  }
  if (options.mustStayWhite) bytes = await keepWhitePure(bytes, options);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
}

async function encodeWithMozJpeg(image: RgbaImage, quality: number, isWhiteKeptPure: boolean): Promise<Uint8Array> {
  if (!isMozJpegStarted) {
    isMozJpegStarted = true;
    // The wasm URL comes from Vite (`?url`), so dev and build both serve it; jSquash otherwise looks next to its own script.
    await initMozJpeg({ locateFile: () => mozJpegWasmUrl });
  }
  const pixels = new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
  const bytes: unknown = await encodeMozJpeg(pixels, chooseMozJpegOptions(quality, { isWhiteKeptPure }));
  // On a libjpeg error the codec hands back no bytes (its message instead of a buffer): treat that as a failure.
  if (!(bytes instanceof ArrayBuffer) || bytes.byteLength === 0) throw new Error('MozJPEG returned no JPEG data.');
  return new Uint8Array(bytes);
}

/** Past this many pixels the rework's coefficients and decodes (about 20 bytes a pixel) are not worth the memory. */
const pureWhiteMaxPixels = 4096 * 4096;

/**
 * keepJpegWhitePure with MozJPEG's decoder. On a failure (e.g. memory) or a picture past pureWhiteMaxPixels, the JPEG
 * as MozJPEG wrote it (its white is pure beyond the blocks along the piece's edge), with a warning.
 */
async function keepWhitePure(bytes: Uint8Array, options: EncodeOptions): Promise<Uint8Array> {
  const { mustStayWhite, pieceAlpha, signal } = options;
  if (!mustStayWhite || mustStayWhite.width * mustStayWhite.height > pureWhiteMaxPixels) {
    if (mustStayWhite) console.warn('The picture is too large to rework its JPEG for a pure white edge; it is written as encoded.');
    return bytes;
  }
  try {
    const result = await keepJpegWhitePure(bytes, mustStayWhite, decodeWithMozJpeg, { pieceAlpha, signal });
    if (result.report.impurePxAfter > 0) console.warn(`${result.report.impurePxAfter} background pixels next to the piece stay a level off pure white in the JPEG.`);
    return result.bytes;
  } catch (error) {
    if (signal?.aborted) throw error;
    console.warn('The JPEG\'s white background could not be reworked; it is written as encoded.', error);
    return bytes;
  }
}

let isMozJpegDecoderStarted = false;

/**
 * A JPEG's pixels as IJG decoders give them (libjpeg-turbo's integer inverse DCT and colour conversion: Chrome,
 * Firefox, Pillow, ImageMagick). MozJPEG's own decoder, in WebAssembly: about 6× faster here than the browser's
 * createImageBitmap and read-back (about 50 against 300–450 ms at 2000² on this machine), and the same arithmetic.
 * A failure drops the module, so the next picture starts a fresh one.
 */
async function decodeWithMozJpeg(bytes: Uint8Array): Promise<RgbaImage> {
  try {
    if (!isMozJpegDecoderStarted) {
      isMozJpegDecoderStarted = true;
      await initMozJpegDecoder({ locateFile: () => mozJpegDecoderWasmUrl });
    }
    const pixels = await decodeMozJpeg(bytes.slice().buffer);
    return { width: pixels.width, height: pixels.height, data: pixels.data };
  } catch (error) {
    isMozJpegDecoderStarted = false;
    throw error;
  }
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
