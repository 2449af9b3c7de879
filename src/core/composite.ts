// Places the piece (photo + alpha) on a new solid background at the look's size, fill and anchor: crop, premultiplied resample, composite.
import { estimateBackdropField } from './backdrop-field';
import { expandRect, intersectRects, type Rect } from './geometry';
import { createImage, createMask, type Mask, type RgbaImage } from './image';
import type { Placement } from './framing';
import { computeMaskBoundingBox } from './mask-ops';
import { createRowResampler, type RowResampler, type RowSource } from './resample-rows';
import { createPlaneRowSource } from './row-sources';

/** Where and how big the piece goes. */
export interface CanvasLayout {
  widthPx: number;
  heightPx: number;
  /** sRGB 0..255. */
  backgroundRgb: readonly [number, number, number];
  /**
   * 0..1: the piece's bounding box is scaled to fit inside fill × the frame, touching it on its limiting side
   * (on a square frame: the box's longest side = fill × the frame's side).
   */
  fill: number;
  /** 0..1 of the frame: where the centre of the piece's bounding box goes. */
  anchorX: number;
  anchorY: number;
  /** With this, the background is a vertical gradient from `backgroundRgb` (top row) to this colour (bottom row). */
  backgroundBottomRgb?: readonly [number, number, number];
  /** A placement worked out beforehand (see framing.ts); it overrides fill and anchor. */
  placement?: Placement;
}

export interface ComposeOptions {
  /** Alpha (0..255) above which a pixel counts toward the piece's bounding box. */
  bboxThreshold: number;
  /** Source border kept around the bounding box, as a fraction of its longest side (plus 2 px); alpha beyond is dropped. */
  cropMargin: number;
  /** Remove the old backdrop's colour from partly transparent edge pixels (no halo). */
  decontaminate: boolean;
}

export const defaultComposeOptions: ComposeOptions = { bboxThreshold: 127, cropMargin: 0.03, decontaminate: true };

export interface Composition {
  image: RgbaImage;
  /** The piece's alpha on the canvas (0..255), e.g. for a transparent cutout or for checking the framing. */
  alpha: Mask;
  /** Where the source bounding box landed on the canvas, px (fractional). */
  pieceBox: Rect;
  /** Output px per source px. */
  scale: number;
}

/** Rows between checkpoint calls. */
const checkpointRows = 64;

/**
 * Composites the piece onto a `layout`-sized canvas of the background colour. Colour and alpha are resampled
 * together as premultiplied values (area filter when shrinking, bilinear when enlarging), so no backdrop
 * colour bleeds into the edges; with `decontaminate`, the photo's own mixed edge pixels lose the old backdrop
 * too (foreground·alpha = photo − (1 − alpha)·backdrop, the backdrop estimated from alpha-0 pixels nearby).
 * Blending is out = a·fg + (1 − a)·bg on 8-bit sRGB values (no linearisation), so alpha 0 is exactly `bg`.
 * Returns null when no alpha exceeds `bboxThreshold`. Extra memory: the output, its alpha and a few rows.
 */
/** The photo rectangle compose reads the piece from: its box grown by `cropMargin` of its long side (+ 2 px), within the photo. */
export function findComposeCrop(box: Rect, bounds: Rect, cropMargin: number): Rect {
  return intersectRects(expandRect(box, Math.ceil(cropMargin * Math.max(box.width, box.height)) + 2), bounds) as Rect;
}

/** The photo rectangle whose backdrop compose estimates for edge clean-up: the piece's box grown by 15 % (+ 4 px), within the photo. */
export function findBackdropSurroundings(box: Rect, bounds: Rect): Rect {
  return intersectRects(expandRect(box, Math.ceil(0.15 * Math.max(box.width, box.height)) + 4), bounds) as Rect;
}

export function composePieceOnCanvas(
  image: RgbaImage,
  alpha: Mask,
  layout: CanvasLayout,
  options: Partial<ComposeOptions> = {},
  checkpoint: (fraction: number) => void = () => {},
): Composition | null {
  const settings = { ...defaultComposeOptions, ...options };
  const box = computeMaskBoundingBox(alpha, settings.bboxThreshold);
  if (!box) return null;
  const { widthPx, heightPx, placement } = layout;
  const scale = placement?.scale ?? Math.min((layout.fill * widthPx) / box.width, (layout.fill * heightPx) / box.height);
  const centreX = placement?.sourceX ?? box.x + box.width / 2;
  const centreY = placement?.sourceY ?? box.y + box.height / 2;
  const anchorX = placement?.targetX ?? layout.anchorX * widthPx;
  const anchorY = placement?.targetY ?? layout.anchorY * heightPx;
  const toOutputX = (x: number): number => (x - centreX) * scale + anchorX;
  const toOutputY = (y: number): number => (y - centreY) * scale + anchorY;

  const bounds = { x: 0, y: 0, width: image.width, height: image.height };
  const crop = findComposeCrop(box, bounds, settings.cropMargin);
  // The canvas pixels the crop covers (whole pixels, clipped to the canvas).
  const outX0 = Math.max(0, Math.floor(toOutputX(crop.x)));
  const outY0 = Math.max(0, Math.floor(toOutputY(crop.y)));
  const outX1 = Math.min(widthPx, Math.ceil(toOutputX(crop.x + crop.width)));
  const outY1 = Math.min(heightPx, Math.ceil(toOutputY(crop.y + crop.height)));

  const out = renderBackgroundImage(widthPx, heightPx, layout.backgroundRgb, layout.backgroundBottomRgb);
  const outAlpha = createMask(widthPx, heightPx);
  const pieceBox = { x: toOutputX(box.x), y: toOutputY(box.y), width: box.width * scale, height: box.height * scale };
  if (outX1 <= outX0 || outY1 <= outY0) return { image: out, alpha: outAlpha, pieceBox, scale };

  let backdropRows: RowResampler | null = null;
  if (settings.decontaminate) {
    const around = findBackdropSurroundings(box, bounds);
    const field = estimateBackdropField(image, alpha, around);
    if (field) {
      // The field covers `around`; read it over the crop, at the crop's resolution.
      const fx = field.width / around.width;
      const fy = field.height / around.height;
      backdropRows = createRowResampler(createPlaneRowSource(field), crop.width, crop.height, {
        filter: 'bilinear',
        region: { x: (crop.x - around.x) * fx, y: (crop.y - around.y) * fy, width: crop.width * fx, height: crop.height * fy },
      });
    }
  }
  const source = createPremultipliedRowSource(image, alpha, crop, backdropRows);
  // The source rectangle (in crop coordinates) that maps exactly onto the canvas pixels [outX0, outX1) × [outY0, outY1).
  const region = {
    x: (outX0 - anchorX) / scale + centreX - crop.x,
    y: (outY0 - anchorY) / scale + centreY - crop.y,
    width: (outX1 - outX0) / scale,
    height: (outY1 - outY0) / scale,
  };
  const targetWidth = outX1 - outX0;
  const rows = createRowResampler(source, targetWidth, outY1 - outY0, { filter: 'auto', region });
  const row = new Float32Array(targetWidth * 4);
  for (let y = outY0; y < outY1; y++) {
    if ((y - outY0) % checkpointRows === 0) checkpoint((y - outY0) / (outY1 - outY0));
    rows.readRow(y - outY0, row);
    for (let x = 0; x < targetWidth; x++) {
      const o = x * 4;
      const a = Math.min(255, Math.max(0, row[o + 3]));
      const alphaByte = Math.round(a);
      if (alphaByte === 0) continue; // exactly the background, already there
      const p = y * widthPx + outX0 + x;
      const keep = 1 - a / 255;
      // The background already under this pixel (flat, or a dithered gradient).
      const bgR = out.data[p * 4];
      const bgG = out.data[p * 4 + 1];
      const bgB = out.data[p * 4 + 2];
      // Premultiplied colour cannot exceed alpha; clamp resampling overshoot.
      out.data[p * 4] = Math.min(a, Math.max(0, row[o])) + keep * bgR;
      out.data[p * 4 + 1] = Math.min(a, Math.max(0, row[o + 1])) + keep * bgG;
      out.data[p * 4 + 2] = Math.min(a, Math.max(0, row[o + 2])) + keep * bgB;
      outAlpha.data[p] = alphaByte;
    }
  }
  checkpoint(1);
  return { image: out, alpha: outAlpha, pieceBox, scale };
}

/** 4×4 ordered-dither thresholds, −0.5..0.5: a smooth gradient in 8 bits without visible bands. */
const bayer4 = [0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5].map((v) => (v + 0.5) / 16 - 0.5);

/** A canvas of one colour, or a vertical gradient from `topRgb` (first row) to `bottomRgb` (last row), dithered; opaque. */
export function renderBackgroundImage(
  widthPx: number,
  heightPx: number,
  topRgb: readonly [number, number, number],
  bottomRgb?: readonly [number, number, number],
): RgbaImage {
  const image = createImage(widthPx, heightPx, [topRgb[0], topRgb[1], topRgb[2], 255]);
  if (!bottomRgb) return image;
  for (let y = 0; y < heightPx; y++) {
    const t = heightPx > 1 ? y / (heightPx - 1) : 0;
    const r = topRgb[0] + (bottomRgb[0] - topRgb[0]) * t;
    const g = topRgb[1] + (bottomRgb[1] - topRgb[1]) * t;
    const b = topRgb[2] + (bottomRgb[2] - topRgb[2]) * t;
    for (let x = 0; x < widthPx; x++) {
      const d = bayer4[(y & 3) * 4 + (x & 3)];
      const i = (y * widthPx + x) * 4;
      image.data[i] = Math.round(r + d);
      image.data[i + 1] = Math.round(g + d);
      image.data[i + 2] = Math.round(b + d);
    }
  }
  return image;
}

/**
 * The crop as premultiplied RGBA floats (0..255, colour ≤ alpha): colour·alpha, or with a backdrop
 * estimate, photo − (1 − alpha)·backdrop clamped to 0..alpha (the foreground's share of a mixed pixel).
 */
function createPremultipliedRowSource(image: RgbaImage, alpha: Mask, crop: Rect, backdropRows: RowResampler | null): RowSource {
  const backdropRow = new Float32Array(crop.width * 3);
  let backdropRowY = -1;
  return {
    width: crop.width,
    height: crop.height,
    channels: 4,
    readRow(y, x0, x1, out) {
      if (backdropRows && backdropRowY !== y) {
        backdropRows.readRow(y, backdropRow);
        backdropRowY = y;
      }
      const rowStart = (crop.y + y) * image.width + crop.x;
      for (let x = x0; x < x1; x++) {
        const p = rowStart + x;
        const o = (x - x0) * 4;
        const a = alpha.data[p];
        if (a === 0) {
          out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 0;
          continue;
        }
        const i = p * 4;
        if (a === 255) {
          out[o] = image.data[i];
          out[o + 1] = image.data[i + 1];
          out[o + 2] = image.data[i + 2];
          out[o + 3] = 255;
          continue;
        }
        const f = a / 255;
        if (backdropRows) {
          const rest = 1 - f;
          const b = x * 3;
          out[o] = Math.min(a, Math.max(0, image.data[i] - rest * backdropRow[b]));
          out[o + 1] = Math.min(a, Math.max(0, image.data[i + 1] - rest * backdropRow[b + 1]));
          out[o + 2] = Math.min(a, Math.max(0, image.data[i + 2] - rest * backdropRow[b + 2]));
        } else {
          out[o] = image.data[i] * f;
          out[o + 1] = image.data[i + 1] * f;
          out[o + 2] = image.data[i + 2] * f;
        }
        out[o + 3] = a;
      }
    },
  };
}
