import { describe, expect, it } from 'vitest';
import { createRandom } from '../../tests/support/images';
import { filterBoxMeanPlaneInPlace, filterBoxMeanRows } from './box-filter';
import { createFloatPlane } from './float-plane';

/** Brute-force windowed mean, windows clipped at the borders. */
function computeBoxMeanSlowly(data: Float32Array, width: number, height: number, channels: number, radius: number): Float64Array {
  const out = new Float64Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        let count = 0;
        for (let v = Math.max(0, y - radius); v <= Math.min(height - 1, y + radius); v++) {
          for (let u = Math.max(0, x - radius); u <= Math.min(width - 1, x + radius); u++) {
            sum += data[(v * width + u) * channels + c];
            count++;
          }
        }
        out[(y * width + x) * channels + c] = sum / count;
      }
    }
  }
  return out;
}

describe('filterBoxMeanPlaneInPlace', () => {
  it.each([0, 1, 3, 12])('matches a brute-force mean at radius %i (2 channels, within 1e-5)', (radius) => {
    const random = createRandom(radius + 1);
    const plane = createFloatPlane(13, 9, 2);
    for (let i = 0; i < plane.data.length; i++) plane.data[i] = random();
    const expected = computeBoxMeanSlowly(plane.data, 13, 9, 2, radius);
    filterBoxMeanPlaneInPlace(plane, radius);
    for (let i = 0; i < expected.length; i++) expect(Math.abs(plane.data[i] - expected[i])).toBeLessThan(1e-5);
  });

  it('keeps a constant plane constant', () => {
    const plane = createFloatPlane(20, 7, 1);
    plane.data.fill(0.25);
    filterBoxMeanPlaneInPlace(plane, 4);
    for (const v of plane.data) expect(v).toBeCloseTo(0.25, 6);
  });
});

describe('filterBoxMeanRows', () => {
  it('reads each row once, in order, and writes row y only after row y + r was read', () => {
    const reads: number[] = [];
    const writes: Array<[number, number]> = [];
    filterBoxMeanRows(
      4,
      10,
      1,
      2,
      (y, out) => {
        reads.push(y);
        out.fill(y);
      },
      (y) => writes.push([y, reads.length]),
    );
    expect(reads).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const [y, readCount] of writes) expect(readCount).toBeGreaterThanOrEqual(Math.min(10, y + 3));
  });
});
