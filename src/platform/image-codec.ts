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

/** Starts a WebAssembly codec on first use and keeps it; a failure drops it, so the next use starts a fresh one. */
function createCodecStarter(start: () => Promise<void>): { use<T>(run: () => Promise<T>): Promise<T> } {
  let started: Promise<void> | null = null;
  return {
    async use(run) {
      try {
        await (started ??= start());
        return await run();
      } catch (error) {
        started = null;
        throw error;
      }
    },
  };
}

// The wasm URLs come from Vite (`?url`), so dev and build both serve them; jSquash otherwise looks next to its own script.
const mozJpegEncoder = createCodecStarter(() => initMozJpeg({ locateFile: () => mozJpegWasmUrl }));
const mozJpegDecoder = createCodecStarter(() => initMozJpegDecoder({ locateFile: () => mozJpegDecoderWasmUrl }));
let hasWarnedMozJpegFallback = false;

/** Past this many pixels the rework's coefficients and decodes (about 20 bytes a pixel) are not worth the memory. */
const pureWhiteMaxPixels = 4096 * 4096;

/**
 * Encodes the finished picture. JPEG goes through MozJPEG (see chooseMozJpegOptions: 4:4:4 at quality ≥ 0.9 and
 * overshoot deringing ring far less next to the piece than the canvas encoder); with `options.mustStayWhite`, the
 * JPEG is then reworked until those pixels decode to exactly 255 in IJG decoders (keepJpegWhitePure), unless the
 * picture is past pureWhiteMaxPixels. PNG and WebP go through the canvas. If MozJPEG cannot load or encode (e.g. out
 * of memory), the canvas writes the JPEG instead. Only pixels are written, so no EXIF (GPS, camera) from the source
 * survives.
 */
export async function encodeImage(image: RgbaImage, format: OutputFormat, quality: number, options: EncodeOptions = {}): Promise<Blob> {
  if (format !== 'image/jpeg') return encodeWithCanvas(image, format, quality);
  const isWhiteKeptPure = !!options.mustStayWhite && image.width * image.height <= pureWhiteMaxPixels;
  if (options.mustStayWhite && !isWhiteKeptPure) console.warn('The picture is too large to rework its JPEG for a pure white edge; it is written as encoded.');
  let bytes: Uint8Array;
  try {
    bytes = await encodeWithMozJpeg(image, quality, isWhiteKeptPure);
  } catch (error) {
    if (!hasWarnedMozJpegFallback) console.warn('MozJPEG failed; encoding JPEGs with the canvas encoder instead.', error);
    hasWarnedMozJpegFallback = true;
    return encodeWithCanvas(image, format, quality);
  }
  if (isWhiteKeptPure) bytes = await keepWhitePure(bytes, options);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
}

async function encodeWithMozJpeg(image: RgbaImage, quality: number, isWhiteKeptPure: boolean): Promise<Uint8Array> {
  const pixels = new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
  return mozJpegEncoder.use(async () => {
    const bytes: unknown = await encodeMozJpeg(pixels, chooseMozJpegOptions(quality, { isWhiteKeptPure }));
    // On a libjpeg error the codec hands back no bytes (its message instead of a buffer): treat that as a failure.
    if (!(bytes instanceof ArrayBuffer) || bytes.byteLength === 0) throw new Error('MozJPEG returned no JPEG data.');
    return new Uint8Array(bytes);
  });
}

/** keepJpegWhitePure with MozJPEG's decoder. On a failure (e.g. memory), the JPEG as MozJPEG wrote it, with a warning. */
async function keepWhitePure(bytes: Uint8Array, { mustStayWhite, pieceAlpha, signal }: EncodeOptions): Promise<Uint8Array> {
  if (!mustStayWhite) return bytes;
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

/**
 * A JPEG's pixels as IJG decoders give them (libjpeg-turbo's integer inverse DCT and colour conversion: Chrome,
 * Firefox, Pillow, ImageMagick): MozJPEG's own decoder, in WebAssembly. In a one-off timing on this machine it took
 * about 50 ms at 2000² (in Node), where Chromium's createImageBitmap and read-back took 300–450 ms.
 */
async function decodeWithMozJpeg(bytes: Uint8Array): Promise<RgbaImage> {
  // jSquash takes a whole ArrayBuffer: the files here own theirs, anything else is copied.
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  const pixels = await mozJpegDecoder.use(() => decodeMozJpeg(buffer));
  return { width: pixels.width, height: pixels.height, data: pixels.data };
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
