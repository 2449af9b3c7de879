// Grey-level morphology on one-channel float planes: square min and max filters, and the top-hats that pick out thin lines.
import { createFloatPlane, type FloatPlane } from './float-plane';

/** The min (`pick` = Math.min) or max of each pixel's (2r+1)² square, clamped at the borders; separable, O(r) per pixel. */
function filterSquare(plane: FloatPlane, radiusPx: number, pick: (a: number, b: number) => number): FloatPlane {
  const { width, height, data } = plane;
  const rows = createFloatPlane(width, height, 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value = data[y * width + x];
      for (let d = 1; d <= radiusPx; d++) value = pick(value, pick(data[y * width + Math.max(0, x - d)], data[y * width + Math.min(width - 1, x + d)]));
      rows.data[y * width + x] = value;
    }
  }
  const out = createFloatPlane(width, height, 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let value = rows.data[y * width + x];
      for (let d = 1; d <= radiusPx; d++) value = pick(value, pick(rows.data[Math.max(0, y - d) * width + x], rows.data[Math.min(height - 1, y + d) * width + x]));
      out.data[y * width + x] = value;
    }
  }
  return out;
}

/**
 * How far each pixel stands out of its surroundings as part of a thin line (at most 2r px wide): the black top-hat
 * (closing − plane) for dark lines, the white top-hat (plane − opening) for light ones, whichever is larger. A step
 * edge or a wide band gives 0; a line across a uniform plane gives its full contrast. One channel only.
 */
export function measureThinLineContrast(plane: FloatPlane, radiusPx: number): Float32Array {
  if (plane.channels !== 1) throw new RangeError('measureThinLineContrast: one channel only');
  const closing = filterSquare(filterSquare(plane, radiusPx, Math.max), radiusPx, Math.min);
  const opening = filterSquare(filterSquare(plane, radiusPx, Math.min), radiusPx, Math.max);
  const out = new Float32Array(plane.width * plane.height);
  for (let k = 0; k < out.length; k++) out[k] = Math.max(closing.data[k] - plane.data[k], plane.data[k] - opening.data[k]);
  return out;
}
