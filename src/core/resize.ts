// Resizing of images, masks and float planes (bilinear, area, or auto), optionally of a sub-rectangle, without whole-image float copies.
import { createFloatPlane, type FloatPlane } from './float-plane';
import type { Rect } from './geometry';
import { createImage, createMask, type Mask, type RgbaImage } from './image';
import { createRowResampler, type ResampleFilter, type RowSource } from './resample-rows';
import { createImageRowSource, createMaskRowSource, createPlaneRowSource } from './row-sources';

export interface ResizeOptions {
  /** Default 'auto': area filter on an axis that shrinks, bilinear on one that grows. */
  filter?: ResampleFilter;
  /** Crop + scale: the source rectangle (px, may be fractional) that fills the output. Default: the whole source. */
  region?: Rect;
}

/** Runs the resampler and hands each output row to `writeRow`; peak extra memory is a few rows. */
function resampleIntoRows(
  source: RowSource,
  widthPx: number,
  heightPx: number,
  options: ResizeOptions,
  writeRow: (y: number, row: Float32Array) => void,
): void {
  const resampler = createRowResampler(source, widthPx, heightPx, options);
  const row = new Float32Array(widthPx * source.channels);
  for (let y = 0; y < heightPx; y++) {
    resampler.readRow(y, row);
    writeRow(y, row);
  }
}

/**
 * Resizes an RGBA image to widthPx × heightPx (channels filtered independently, straight alpha:
 * meant for opaque photos). Values are rounded and clamped to 0..255.
 */
export function resizeImage(image: RgbaImage, widthPx: number, heightPx: number, options: ResizeOptions = {}): RgbaImage {
  const out = createImage(widthPx, heightPx);
  resampleIntoRows(createImageRowSource(image, 4), widthPx, heightPx, options, (y, row) => {
    // Uint8ClampedArray rounds half to even and clamps, which is what we want.
    out.data.set(row, y * widthPx * 4);
  });
  return out;
}

/** Resizes a mask to widthPx × heightPx; values stay 0..255 (rounded). */
export function resizeMask(mask: Mask, widthPx: number, heightPx: number, options: ResizeOptions = {}): Mask {
  const out = createMask(widthPx, heightPx);
  resampleIntoRows(createMaskRowSource(mask), widthPx, heightPx, options, (y, row) => {
    const offset = y * widthPx;
    for (let x = 0; x < widthPx; x++) out.data[offset + x] = Math.min(255, Math.max(0, Math.round(row[x])));
  });
  return out;
}

/** Resizes a float plane to widthPx × heightPx (all channels). Values are not clamped. */
export function resizePlane(plane: FloatPlane, widthPx: number, heightPx: number, options: ResizeOptions = {}): FloatPlane {
  const out = createFloatPlane(widthPx, heightPx, plane.channels);
  resampleIntoRows(createPlaneRowSource(plane), widthPx, heightPx, options, (y, row) => {
    out.data.set(row, y * widthPx * plane.channels);
  });
  return out;
}

/** For `size` cells laid evenly over `sourceSize` source cells: the source index under each cell's centre (nearest sampling). */
export function mapNearestSourceIndices(size: number, sourceSize: number): Int32Array {
  const indices = new Int32Array(size);
  for (let i = 0; i < size; i++) indices[i] = Math.min(sourceSize - 1, Math.floor(((i + 0.5) * sourceSize) / size));
  return indices;
}
