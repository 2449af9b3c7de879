// A smooth estimate of the old backdrop's colour around the piece, from the pixels the mask calls background (for colour decontamination).
import { filterBoxMeanPlaneInPlace } from './box-filter';
import { createFloatPlane, type FloatPlane } from './float-plane';
import type { Rect } from './geometry';
import type { Mask, RgbaImage } from './image';
import { createRowResampler, type RowSource } from './resample-rows';

/** Cells across the longer side of the field. */
const fieldCells = 64;
/** Box radius, in cells, that carries the backdrop colour into the piece's area. */
const spreadCells = 3;

/**
 * The backdrop colour (sRGB 0..255, 3 channels) over `region` (integer px), on a coarse grid of about 64 cells
 * across its longer side: the mean colour of pixels with alpha 0, box-smoothed so cells covered by the piece
 * take their neighbours' colour; cells out of reach take the region's mean backdrop. Null if no pixel in the
 * region has alpha 0. Reads the region once through an area resampler; extra memory is the small grid.
 */
export function estimateBackdropField(image: RgbaImage, alpha: Mask, region: Rect): FloatPlane | null {
  const scale = fieldCells / Math.max(region.width, region.height);
  const gridWidth = Math.max(1, Math.round(region.width * scale));
  const gridHeight = Math.max(1, Math.round(region.height * scale));
  const source: RowSource = {
    width: region.width,
    height: region.height,
    channels: 4,
    readRow(y, x0, x1, out) {
      const sy = region.y + y;
      for (let x = x0; x < x1; x++) {
        const p = sy * image.width + region.x + x;
        const w = alpha.data[p] === 0 ? 1 : 0;
        const o = (x - x0) * 4;
        out[o] = w * image.data[p * 4];
        out[o + 1] = w * image.data[p * 4 + 1];
        out[o + 2] = w * image.data[p * 4 + 2];
        out[o + 3] = w;
      }
    },
  };
  const sums = createFloatPlane(gridWidth, gridHeight, 4);
  const rows = createRowResampler(source, gridWidth, gridHeight, { filter: 'area' });
  const row = new Float32Array(gridWidth * 4);
  for (let y = 0; y < gridHeight; y++) {
    rows.readRow(y, row);
    sums.data.set(row, y * gridWidth * 4);
  }
  let totalWeight = 0;
  const total = [0, 0, 0];
  for (let k = 0; k < gridWidth * gridHeight; k++) {
    for (let c = 0; c < 3; c++) total[c] += sums.data[k * 4 + c];
    totalWeight += sums.data[k * 4 + 3];
  }
  if (totalWeight <= 0) return null;
  filterBoxMeanPlaneInPlace(sums, spreadCells);
  const field = createFloatPlane(gridWidth, gridHeight, 3);
  for (let k = 0; k < gridWidth * gridHeight; k++) {
    const w = sums.data[k * 4 + 3];
    for (let c = 0; c < 3; c++) field.data[k * 3 + c] = w > 1e-3 ? sums.data[k * 4 + c] / w : total[c] / totalWeight;
  }
  return field;
}
