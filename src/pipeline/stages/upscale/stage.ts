// Upscale stage: a piece the framing enlarges `minEnlargement`× or more is enlarged by the ESRGAN model (×4, by
// tiles) rather than by interpolation alone; compose then places that sharper copy. Larger pieces pass untouched.
import { defaultComposeOptions, findBackdropSurroundings, findComposeCrop } from '../../../core/composite';
import { movePlacementOnto } from '../../../core/framing';
import { expandRect, intersectRects, uniteRects, type Rect } from '../../../core/geometry';
import { createImage } from '../../../core/image';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { resizeImage, resizeMask } from '../../../core/resize';
import { upscaleByTiles } from '../../../core/tiled-upscale';
import { modelSpecs } from '../../../models/manifest';
import { AppError } from '../../errors';
import type { UpscaleFact } from '../../result-facts';
import { defineStage, type PipelineState } from '../../stage';

export interface UpscaleOptions {
  /** The framing's enlargement (canvas px per photo px) from which the model is used. */
  minEnlargement: number;
  /** Enlargement of the model. */
  factor: number;
  /** Longest side of a tile the model sees, px, and the context around each tile's kept core (≥ the model's receptive radius, 10 px). */
  tileSidePx: number;
  overlapPx: number;
  /** Photo pixels the model runs on at most, and enlarged pixels kept at most; a larger piece is enlarged by interpolation. */
  maxModelPixels: number;
  maxEnlargedPixels: number;
}

function interpolated(state: PipelineState, reason: string): PipelineState {
  const upscale: UpscaleFact = { by: 'interpolation', reason };
  return { ...state, upscale };
}

export const upscale = defineStage<UpscaleOptions>({
  id: 'upscale',
  version: 1,
  label: 'Upscale',
  model: 'esrgan-x4',
  // From 3×, where interpolation visibly blurs: a piece under 567 px across for a 2000 px look at 85 % fill. On WASM
  // with 2 threads the model takes 18.5–34.5 µs per photo pixel it runs on, median 20 (bench-corpus19: 10 photos,
  // 0.07–0.24 MP, 1.4–7.1 s), so 0.6 MP (about 10 MP enlarged) bounds it near 12–21 s. Tiles of the model's tile
  // side (160 px) with 12 px of context keep its largest tensor at 640² × 48 floats, 79 MB.
  defaults: {
    minEnlargement: 3,
    factor: 4,
    tileSidePx: modelSpecs['esrgan-x4'].inputSizePx,
    overlapPx: 12,
    maxModelPixels: 600_000,
    maxEnlargedPixels: 16_000_000,
  },
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
    const { factor } = options;
    // The model runs on what compose shows (its crop, plus the tiles' context). The copy also holds the wider ring
    // compose reads for edge clean-up, only interpolated there.
    const pieceRegion = intersectRects(expandRect(findComposeCrop(box, bounds, cropMargin), options.overlapPx), bounds) as Rect;
    const region = uniteRects(pieceRegion, findBackdropSurroundings(box, bounds));
    if (pieceRegion.width * pieceRegion.height > options.maxModelPixels || region.width * region.height * factor * factor > options.maxEnlargedPixels) {
      return interpolated(state, `The piece is too large for the upscaler (${pieceRegion.width}×${pieceRegion.height} px).`);
    }
    const enlargedImage = resizeImage(image, region.width * factor, region.height * factor, { filter: 'bilinear', region });
    const pieceCrop = createImage(pieceRegion.width, pieceRegion.height);
    for (let y = 0; y < pieceRegion.height; y++) {
      const from = ((pieceRegion.y + y) * image.width + pieceRegion.x) * 4;
      pieceCrop.data.set(image.data.subarray(from, from + pieceRegion.width * 4), y * pieceRegion.width * 4);
    }
    ctx.signal.throwIfAborted();
    try {
      // The model's picture goes over the interpolated one where it runs.
      const into = { into: enlargedImage, x: (pieceRegion.x - region.x) * factor, y: (pieceRegion.y - region.y) * factor };
      const runTile = async (planar: Float32Array, width: number, height: number) => {
        ctx.signal.throwIfAborted();
        return ctx.infer('esrgan-x4', planar, [1, 3, height, width]);
      };
      await upscaleByTiles(pieceCrop, options, runTile, ctx.progress, into);
    } catch (error) {
      // The upscaler only sharpens: when it cannot run (not yet saved offline, out of memory) the photo is still made.
      if (ctx.signal.aborted) throw error;
      return interpolated(state, `The upscaler could not run (${(error as Error).message}).`);
    }
    const enlargedMask = resizeMask(mask, region.width * factor, region.height * factor, { filter: 'bilinear', region });
    const upscale: UpscaleFact = { by: 'model', factor };
    return { ...state, upscale, enlarged: { image: enlargedImage, mask: enlargedMask, placement: movePlacementOnto(placement, region, factor), region, factor } };
  },
});
