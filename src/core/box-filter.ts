// Box (mean) filtering over square windows, streamed row by row so several statistics can be filtered without full-size copies.
import type { FloatPlane } from './float-plane';

/**
 * Streams the mean over (2·radiusPx + 1)² windows of a `channels`-channel signal, width × height.
 * `readRow(y, out)` must fill row y (width·channels values); it is called once per row, in order.
 * `writeRow(y, mean)` receives the windowed mean of row y as soon as its window is complete, i.e. after
 * row min(y + radiusPx, height − 1) has been read, so a caller may overwrite row y of its own input.
 * Windows are clipped at the borders (the mean of the pixels inside). Sums run in Float64.
 * Extra memory: (2·radiusPx + 3) rows of width·channels doubles.
 */
export function filterBoxMeanRows(
  width: number,
  height: number,
  channels: number,
  radiusPx: number,
  readRow: (y: number, out: Float64Array) => void,
  writeRow: (y: number, mean: Float64Array) => void,
): void {
  const r = Math.max(0, Math.floor(radiusPx));
  const length = width * channels;
  const ringSize = 2 * r + 2;
  const ring: Float64Array[] = [];
  for (let k = 0; k < ringSize; k++) ring.push(new Float64Array(length));
  const input = new Float64Array(length);
  const prefix = new Float64Array(length + channels);
  const columnSums = new Float64Array(length);
  const mean = new Float64Array(length);
  const inverseCountX = new Float64Array(width);
  for (let x = 0; x < width; x++) inverseCountX[x] = 1 / (Math.min(x + r, width - 1) - Math.max(x - r, 0) + 1);

  const addRow = (y: number): void => {
    readRow(y, input);
    // Horizontal window sums via a prefix sum: sum(x) = prefix[x + r + 1] − prefix[x − r].
    for (let c = 0; c < channels; c++) prefix[c] = 0;
    for (let i = 0; i < length; i++) prefix[i + channels] = prefix[i] + input[i];
    const sums = ring[y % ringSize];
    for (let x = 0; x < width; x++) {
      const hi = (Math.min(x + r, width - 1) + 1) * channels;
      const lo = Math.max(x - r, 0) * channels;
      const o = x * channels;
      for (let c = 0; c < channels; c++) sums[o + c] = prefix[hi + c] - prefix[lo + c];
    }
    for (let i = 0; i < length; i++) columnSums[i] += sums[i];
  };

  let nextRow = 0;
  for (let y = 0; y < height; y++) {
    const last = Math.min(y + r, height - 1);
    while (nextRow <= last) addRow(nextRow++);
    const leaving = y - r - 1;
    if (leaving >= 0) {
      const sums = ring[leaving % ringSize];
      for (let i = 0; i < length; i++) columnSums[i] -= sums[i];
    }
    const inverseCountY = 1 / (last - Math.max(y - r, 0) + 1);
    for (let x = 0; x < width; x++) {
      const scale = inverseCountX[x] * inverseCountY;
      const o = x * channels;
      for (let c = 0; c < channels; c++) mean[o + c] = columnSums[o + c] * scale;
    }
    writeRow(y, mean);
  }
}

/** Replaces every value of `plane` by its mean over a (2·radiusPx + 1)² window (clipped at the borders). */
export function filterBoxMeanPlaneInPlace(plane: FloatPlane, radiusPx: number): void {
  const length = plane.width * plane.channels;
  filterBoxMeanRows(
    plane.width,
    plane.height,
    plane.channels,
    radiusPx,
    (y, out) => {
      const offset = y * length;
      for (let i = 0; i < length; i++) out[i] = plane.data[offset + i];
    },
    (y, mean) => plane.data.set(mean, y * length),
  );
}
