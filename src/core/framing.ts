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

/** The box of the alpha > `threshold` pixels once the mask is shrunk by `scale` (thin parts fade below 50 % and drop out), in source px. */
function measureVisibleBox(mask: Mask, box: Rect, scale: number, threshold: number): Rect | null {
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
 * twice, so thin parts that fade out when shrunk (a fine chain reaching the photo's edge) do not count.
 * Null when no pixel is above `threshold`.
 */
export function computePlacement(mask: Mask, target: FramingTarget, threshold = 127): Placement | null {
  let box = computeMaskBoundingBox(mask, threshold);
  if (!box) return null;
  const { widthPx, heightPx, margin } = target;
  const fitScale = (b: Rect) =>
    Math.min((target.fill * widthPx) / b.width, (target.fill * heightPx) / b.height, ((1 - 2 * margin) * widthPx) / b.width, ((1 - 2 * margin) * heightPx) / b.height);
  let scale = fitScale(box);
  const fullBox = box;
  for (let round = 0; round < 2 && scale < 1; round++) {
    const visible = measureVisibleBox(mask, fullBox, scale, threshold);
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
