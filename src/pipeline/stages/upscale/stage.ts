// Upscale stage: a piece the framing enlarges `minEnlargement`× or more is enlarged by the ESRGAN model (×4, by
// tiles) rather than by interpolation alone; compose then places that sharper copy. Larger pieces pass untouched.
import { defaultComposeOptions } from '../../../core/composite';
import type { Placement } from '../../../core/framing';
import { expandRect, intersectRects, type Rect } from '../../../core/geometry';
import { createImage, type RgbaImage } from '../../../core/image';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { resizeImage, resizeMask } from '../../../core/resize';
import { upscaleByTiles } from '../../../core/tiled-upscale';
import { AppError, errorCodeOf } from '../../errors';
import { defineStage, type EnlargedPiece } from '../../stage';

export interface UpscaleOptions {
  /** The framing's enlargement (canvas px per photo px) from which the model is used. */
  minEnlargement: number;
  /** Enlargement of the model. */
  factor: number;
  /** Longest side of a tile the model sees, px, and the context around each tile's kept core (≥ the model's receptive radius, 10 px). */
  tileSidePx: number;
  overlapPx: number;
  /** Photo pixels the model runs on at most; a larger piece is enlarged by interpolation (it barely needs the model). */
  maxModelPixels: number;
}

/** The photo rectangle compose reads for the piece: its box grown as compose grows it for edge clean-up (15 % + 4 px). */
function findComposeSurroundings(box: Rect, bounds: Rect): Rect {
  return intersectRects(expandRect(box, Math.ceil(0.15 * Math.max(box.width, box.height)) + 4), bounds) as Rect;
}

/** The same placement, for a copy of the photo's `region` enlarged `factor`×. */
function movePlacement(placement: Placement, region: Rect, factor: number): Placement {
  const { box } = placement;
  return {
    ...placement,
    scale: placement.scale / factor,
    sourceX: (placement.sourceX - region.x) * factor,
    sourceY: (placement.sourceY - region.y) * factor,
    box: { x: (box.x - region.x) * factor, y: (box.y - region.y) * factor, width: box.width * factor, height: box.height * factor },
  };
}

export const upscale = defineStage<UpscaleOptions>({
  id: 'upscale',
  version: 1,
  label: 'Upscale',
  model: 'esrgan-x4',
  // From 2×: below that, interpolation loses little. A piece enlarged 2× for a 2000 px look is ≤ 850 px across, so the
  // model sees ≤ ~0.8 MP; 160 px tiles with 12 px of context keep one tile's activations near 80 MB.
  defaults: { minEnlargement: 2, factor: 4, tileSidePx: 160, overlapPx: 12, maxModelPixels: 1_500_000 },
  async run(state, options, ctx) {
    ctx.signal.throwIfAborted();
    if (!state.image || !state.mask || !state.placement) {
      throw new AppError('unknown', 'Upscale needs the decoded image, the refined mask and the placement.');
    }
    const { image, mask, placement } = state;
    if (placement.scale < options.minEnlargement) return state;
    const { bboxThreshold, cropMargin } = defaultComposeOptions;
    const box = computeMaskBoundingBox(mask, bboxThreshold);
    if (!box) return state;
    const bounds = { x: 0, y: 0, width: image.width, height: image.height };
    // The model runs on what compose shows (the piece's box and compose's crop margin, plus the tiles' context); the
    // wider ring compose reads for edge clean-up is only interpolated.
    const pieceRegion = intersectRects(expandRect(box, Math.ceil(cropMargin * Math.max(box.width, box.height)) + 2 + options.overlapPx), bounds) as Rect;
    if (pieceRegion.width * pieceRegion.height > options.maxModelPixels) return state;
    const region = findComposeSurroundings(box, bounds);
    const { factor } = options;
    const enlargedImage = resizeImage(image, region.width * factor, region.height * factor, { filter: 'bilinear', region });
    const enlargedMask = resizeMask(mask, region.width * factor, region.height * factor, { filter: 'bilinear', region });
    ctx.signal.throwIfAborted();
    const pieceCrop = createImage(pieceRegion.width, pieceRegion.height);
    for (let y = 0; y < pieceRegion.height; y++) {
      const from = ((pieceRegion.y + y) * image.width + pieceRegion.x) * 4;
      pieceCrop.data.set(image.data.subarray(from, from + pieceRegion.width * 4), y * pieceRegion.width * 4);
    }
    let sharp: RgbaImage;
    try {
      sharp = await upscaleByTiles(
        pieceCrop,
        options,
        async (planar, width, height) => {
          ctx.signal.throwIfAborted();
          return ctx.infer('esrgan-x4', planar, [1, 3, height, width]);
        },
        ctx.progress,
      );
    } catch (error) {
      // An upscaler that cannot be fetched (offline before it was ever saved) costs sharpness, not the photo.
      const code = errorCodeOf(error);
      if (code !== 'model-load-failed' && code !== 'model-integrity') throw error;
      return state;
    }
    ctx.signal.throwIfAborted();
    // The model's picture goes over the interpolated one where it ran; rows are copied whole.
    const offsetX = (pieceRegion.x - region.x) * factor;
    const offsetY = (pieceRegion.y - region.y) * factor;
    for (let y = 0; y < sharp.height; y++) {
      const from = y * sharp.width * 4;
      enlargedImage.data.set(sharp.data.subarray(from, from + sharp.width * 4), ((offsetY + y) * enlargedImage.width + offsetX) * 4);
    }
    const enlarged: EnlargedPiece = { image: enlargedImage, mask: enlargedMask, placement: movePlacement(placement, region, factor), region, factor };
    return { ...state, enlarged };
  },
});
