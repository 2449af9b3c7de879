// Super-resolution by tiles: a fully convolutional upscaler run on overlapping tiles of an image and stitched, so
// memory stays bounded (a tile's activations, not the whole picture's) and no seam shows (each tile keeps only its core).
import type { Rect } from './geometry';
import { createImage, type RgbaImage } from './image';

/** One tile: the pixels the model sees (`input`, the core grown by the overlap) and the part of its output that is kept (`core`). */
export interface UpscaleTile {
  input: Rect;
  core: Rect;
}

export interface TiledUpscaleOptions {
  /** Enlargement of the model (output px per input px). */
  factor: number;
  /** Longest side of a tile's input, px. */
  tileSidePx: number;
  /** Context kept around each core on every side, px: at least the model's receptive radius, so cores match a whole-image run. */
  overlapPx: number;
}

/**
 * Runs the model on one tile: `planar` is RGB float32 NCHW (3 × height × width, 0..255); returns RGB float32
 * NCHW of (height·factor) × (width·factor), 0..255 (values outside are clamped).
 */
export type UpscaleTileRunner = (planar: Float32Array, width: number, height: number) => Promise<Float32Array>;

/** Cores that tile the image without gaps or overlap; each tile's input is its core grown by `overlapPx`, clipped to the image. */
export function planUpscaleTiles(width: number, height: number, tileSidePx: number, overlapPx: number): UpscaleTile[] {
  const coreSide = tileSidePx - 2 * overlapPx;
  if (!(coreSide >= 1)) throw new RangeError(`planUpscaleTiles: a ${tileSidePx} px tile leaves no core inside a ${overlapPx} px overlap`);
  const tiles: UpscaleTile[] = [];
  const rows = Math.ceil(height / coreSide);
  const columns = Math.ceil(width / coreSide);
  // Equal cores (rather than full ones and a sliver at the end): every tile does a similar share of the work.
  const coreHeight = Math.ceil(height / rows);
  const coreWidth = Math.ceil(width / columns);
  for (let y = 0; y < height; y += coreHeight) {
    for (let x = 0; x < width; x += coreWidth) {
      const core = { x, y, width: Math.min(coreWidth, width - x), height: Math.min(coreHeight, height - y) };
      const x0 = Math.max(0, x - overlapPx);
      const y0 = Math.max(0, y - overlapPx);
      const x1 = Math.min(width, core.x + core.width + overlapPx);
      const y1 = Math.min(height, core.y + core.height + overlapPx);
      tiles.push({ input: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, core });
    }
  }
  return tiles;
}

/** Where the enlarged pixels go: `image` with its top-left corner at (`x`, `y`) of `into`. */
export interface UpscaleTarget {
  into: RgbaImage;
  x: number;
  y: number;
}

/**
 * The image `factor`× larger, made tile by tile with `runTile`, written (RGB; alpha left as it is) into `target`, or
 * into a new opaque image when there is none. `checkpoint` gets the share done after each tile.
 */
export async function upscaleByTiles(
  image: RgbaImage,
  options: TiledUpscaleOptions,
  runTile: UpscaleTileRunner,
  checkpoint: (fraction: number) => void = () => {},
  target?: UpscaleTarget,
): Promise<RgbaImage> {
  const { factor } = options;
  const out = target?.into ?? createImage(image.width * factor, image.height * factor, [0, 0, 0, 255]);
  const atX = target?.x ?? 0;
  const atY = target?.y ?? 0;
  if (atX < 0 || atY < 0 || atX + image.width * factor > out.width || atY + image.height * factor > out.height) {
    throw new RangeError(`upscaleByTiles: a ${image.width * factor}×${image.height * factor} result does not fit at (${atX}, ${atY}) of ${out.width}×${out.height}`);
  }
  const tiles = planUpscaleTiles(image.width, image.height, options.tileSidePx, options.overlapPx);
  for (let t = 0; t < tiles.length; t++) {
    const { input, core } = tiles[t];
    const plane = input.width * input.height;
    const planar = new Float32Array(3 * plane);
    for (let y = 0; y < input.height; y++) {
      for (let x = 0; x < input.width; x++) {
        const p = ((input.y + y) * image.width + input.x + x) * 4;
        const k = y * input.width + x;
        planar[k] = image.data[p];
        planar[plane + k] = image.data[p + 1];
        planar[2 * plane + k] = image.data[p + 2];
      }
    }
    const result = await runTile(planar, input.width, input.height);
    const resultWidth = input.width * factor;
    const resultPlane = resultWidth * input.height * factor;
    if (result.length !== 3 * resultPlane) {
      throw new RangeError(`upscaleByTiles: the model returned ${result.length} values for a ${input.width}×${input.height} tile at ${factor}×`);
    }
    // The core's place in the tile's output, and in the picture.
    const fromX = (core.x - input.x) * factor;
    const fromY = (core.y - input.y) * factor;
    for (let y = 0; y < core.height * factor; y++) {
      const sourceRow = (fromY + y) * resultWidth + fromX;
      let q = ((atY + core.y * factor + y) * out.width + atX + core.x * factor) * 4;
      for (let x = 0; x < core.width * factor; x++, q += 4) {
        const k = sourceRow + x;
        out.data[q] = result[k];
        out.data[q + 1] = result[resultPlane + k];
        out.data[q + 2] = result[2 * resultPlane + k];
      }
    }
    checkpoint((t + 1) / tiles.length);
  }
  return out;
}
