// The box of what a viewer sees of the piece: pixels that differ visibly from the canvas they were drawn on.
import type { Rect } from './geometry';
import type { Mask, RgbaImage } from './image';

/**
 * Largest per-channel difference (0..255) from the canvas that still reads as canvas: a faint haze or a
 * fringe darker than this shows, a white wire this close to a white canvas does not. Above the dithering
 * of a sweep (±1) and above most of the ringing a deringed JPEG leaves next to an edge (which, on the
 * finished file, lies within about 10 px of the piece anyway).
 */
export const visibleDifferenceLevels = 10;

/**
 * The smallest rectangle holding every pixel where the piece has some alpha (`alpha` > 0) and `picture`
 * differs from `canvas` (one colour, or an image of the same size) by more than `minDifference` in some
 * channel. Null when nothing of the piece is visible. The canvas's own texture never counts: only pixels
 * the piece covers are compared.
 */
export function measureVisibleBox(
  picture: RgbaImage,
  alpha: Mask,
  canvas: readonly [number, number, number] | RgbaImage,
  minDifference = visibleDifferenceLevels,
): Rect | null {
  const { width, height, data } = picture;
  if (alpha.width !== width || alpha.height !== height) {
    throw new RangeError(`measureVisibleBox: alpha is ${alpha.width}×${alpha.height}, picture is ${width}×${height}`);
  }
  const isImage = !Array.isArray(canvas);
  const canvasData = isImage ? (canvas as RgbaImage).data : null;
  if (isImage && ((canvas as RgbaImage).width !== width || (canvas as RgbaImage).height !== height)) {
    throw new RangeError('measureVisibleBox: the canvas is not the size of the picture');
  }
  const solid = canvas as readonly [number, number, number];
  let x0 = width;
  let x1 = -1;
  let y0 = height;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      if (alpha.data[i] === 0) continue;
      const p = i * 4;
      const r = canvasData ? canvasData[p] : solid[0];
      const g = canvasData ? canvasData[p + 1] : solid[1];
      const b = canvasData ? canvasData[p + 2] : solid[2];
      if (Math.abs(data[p] - r) <= minDifference && Math.abs(data[p + 1] - g) <= minDifference && Math.abs(data[p + 2] - b) <= minDifference) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
