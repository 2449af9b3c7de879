// Where the piece goes on the canvas: the scale and position that give the look's fill, anchor and margins, measured on what stays visible.
import type { Rect } from './geometry';
import type { Mask } from './image';
import { computeMaskBoundingBox } from './mask-ops';
import { resizeMask } from './resize';

export interface FramingTarget {
  widthPx: number;
  heightPx: number;
  /** 0..1: the piece's box, on its limiting side, over the frame's matching side. */
  fill: number;
  /** 0..1 of the frame: where the centre of the piece's box goes. */
  anchorX: number;
  anchorY: number;
  /** 0..0.45 of the frame's side: the least space between the piece and each edge. */
  margin: number;
}

export interface Placement {
  /** Canvas px per source px. */
  scale: number;
  /** The source point (px) that lands on (`targetX`, `targetY`) of the canvas: the centre of the piece's box. */
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  /** The piece's box in source px (alpha > threshold, as it stays visible at `scale`). */
  box: Rect;
}

/** The fill a piece gets: the target's, or less where the margins leave less room (the piece is never cropped). */
export function computeReachableFill(target: Pick<FramingTarget, 'fill' | 'margin'>): number {
  return Math.min(target.fill, 1 - 2 * target.margin);
}

/** The box of the alpha > `threshold` pixels once the mask is shrunk by `scale` (thin parts fade below 50 % and drop out), in source px. */
function measureBoxAtScale(mask: Mask, box: Rect, scale: number, threshold: number): Rect | null {
  if (scale >= 1) return box;
  const crop = { width: box.width, height: box.height, data: new Uint8Array(box.width * box.height) };
  for (let y = 0; y < box.height; y++) {
    const from = (box.y + y) * mask.width + box.x;
    crop.data.set(mask.data.subarray(from, from + box.width), y * box.width);
  }
  const width = Math.max(1, Math.round(box.width * scale));
  const height = Math.max(1, Math.round(box.height * scale));
  const small = computeMaskBoundingBox(resizeMask(crop, width, height, { filter: 'area' }), threshold);
  if (!small) return null;
  const fx = box.width / width;
  const fy = box.height / height;
  return { x: box.x + small.x * fx, y: box.y + small.y * fy, width: small.width * fx, height: small.height * fy };
}

/**
 * The placement of the piece in `mask` (alpha 0..255 at photo resolution) for `target`: scaled so its box fills
 * `fill` of the frame on its limiting side, never more than the margins allow, its centre at the anchor moved
 * just enough to respect the margins (so the piece is never cropped). The box is re-measured at the chosen scale
 * twice, so thin parts that fade out when shrunk (a fine chain reaching the photo's edge) do not count. This is a
 * prediction; `refinePlacement` corrects it from the box actually composed.
 * Null when no pixel is above `threshold`.
 */
export function computePlacement(mask: Mask, target: FramingTarget, threshold = 127): Placement | null {
  let box = computeMaskBoundingBox(mask, threshold);
  if (!box) return null;
  const { widthPx, heightPx, margin } = target;
  const reach = computeReachableFill(target);
  const fitScale = (b: Rect) => Math.min((reach * widthPx) / b.width, (reach * heightPx) / b.height);
  let scale = fitScale(box);
  const fullBox = box;
  for (let round = 0; round < 2 && scale < 1; round++) {
    const visible = measureBoxAtScale(mask, fullBox, scale, threshold);
    if (!visible) break;
    box = visible;
    scale = fitScale(box);
  }
  const halfWidth = (box.width * scale) / 2;
  const halfHeight = (box.height * scale) / 2;
  const clamp = (value: number, low: number, high: number) => (low > high ? (low + high) / 2 : Math.min(high, Math.max(low, value)));
  const targetX = clamp(target.anchorX * widthPx, margin * widthPx + halfWidth, (1 - margin) * widthPx - halfWidth);
  const targetY = clamp(target.anchorY * heightPx, margin * heightPx + halfHeight, (1 - margin) * heightPx - halfHeight);
  return { scale, sourceX: box.x + box.width / 2, sourceY: box.y + box.height / 2, targetX, targetY, box };
}


/** For a box on the canvas: the scale factor that brings it to the target fill (within the margins), its fill now, and where its centre should be. */
function computeBoxTarget(box: Rect, target: FramingTarget): { factor: number; fill: number; targetX: number; targetY: number } {
  const { widthPx, heightPx, margin } = target;
  const reach = computeReachableFill(target);
  const factor = Math.min((reach * widthPx) / box.width, (reach * heightPx) / box.height);
  const fill = Math.max(box.width / widthPx, box.height / heightPx);
  const halfWidth = (box.width * factor) / 2;
  const halfHeight = (box.height * factor) / 2;
  const clamp = (value: number, low: number, high: number) => (low > high ? (low + high) / 2 : Math.min(high, Math.max(low, value)));
  return {
    factor,
    fill,
    targetX: clamp(target.anchorX * widthPx, margin * widthPx + halfWidth, (1 - margin) * widthPx - halfWidth),
    targetY: clamp(target.anchorY * heightPx, margin * heightPx + halfHeight, (1 - margin) * heightPx - halfHeight),
  };
}

/** How far a composed box is from the framing target, in canvas px: the larger of the long-side error and the centre's offset. */
export function measureFramingError(box: Rect, target: FramingTarget): number {
  const { factor, fill, targetX, targetY } = computeBoxTarget(box, target);
  const sidePx = Math.abs(fill * factor - fill) * Math.max(target.widthPx, target.heightPx);
  return Math.max(sidePx, Math.abs(box.x + box.width / 2 - targetX), Math.abs(box.y + box.height / 2 - targetY));
}

/**
 * Corrects `placement` from the piece's box as composed (`composedBox`: what a viewer sees on the canvas, see
 * `measureVisibleBox`; faint or white parts and thin parts that resampling thinned out may differ from the box
 * the placement was predicted from). Returns the placement that scales that box to the target fill and puts its
 * centre on the anchor (within the margins), or null when the composed fill is already within `tolerance` (0..1)
 * of what the target allows and its centre within `centreTolerancePx` of where the anchor puts it.
 */
export function refinePlacement(
  placement: Placement,
  composedBox: Rect,
  target: FramingTarget,
  tolerance = 0.003,
  centreTolerancePx = 1.5,
): Placement | null {
  const { factor, fill, targetX, targetY } = computeBoxTarget(composedBox, target);
  const isCentred =
    Math.abs(composedBox.x + composedBox.width / 2 - targetX) <= centreTolerancePx && Math.abs(composedBox.y + composedBox.height / 2 - targetY) <= centreTolerancePx;
  if (Math.abs(fill * factor - fill) <= tolerance && isCentred) return null;
  const scale = placement.scale * factor;
  // The composed box's centre, back in source px.
  const sourceX = (composedBox.x + composedBox.width / 2 - placement.targetX) / placement.scale + placement.sourceX;
  const sourceY = (composedBox.y + composedBox.height / 2 - placement.targetY) / placement.scale + placement.sourceY;
  return {
    scale,
    sourceX,
    sourceY,
    targetX,
    targetY,
    box: {
      x: sourceX - composedBox.width / placement.scale / 2,
      y: sourceY - composedBox.height / placement.scale / 2,
      width: composedBox.width / placement.scale,
      height: composedBox.height / placement.scale,
    },
  };
}

/** The same placement, for a copy of the photo's `region` enlarged `factor`×. */
export function movePlacementOnto(placement: Placement, region: Rect, factor: number): Placement {
  const { box } = placement;
  return {
    ...placement,
    scale: placement.scale / factor,
    sourceX: (placement.sourceX - region.x) * factor,
    sourceY: (placement.sourceY - region.y) * factor,
    box: { x: (box.x - region.x) * factor, y: (box.y - region.y) * factor, width: box.width * factor, height: box.height * factor },
  };
}

/** The inverse: a placement on the enlarged copy of `region`, in the photo's pixels. */
export function movePlacementBack(placement: Placement, region: Rect, factor: number): Placement {
  const { box } = placement;
  return {
    ...placement,
    scale: placement.scale * factor,
    sourceX: placement.sourceX / factor + region.x,
    sourceY: placement.sourceY / factor + region.y,
    box: { x: box.x / factor + region.x, y: box.y / factor + region.y, width: box.width / factor, height: box.height / factor },
  };
}
