import { describe, expect, it } from 'vitest';
import { noise } from '../../tests/support/images';
import { computeResampleTaps, createRowResampler } from './resample-rows';
import { createImageRowSource } from './row-sources';

describe('computeResampleTaps', () => {
  it.each(['bilinear', 'area', 'auto'] as const)('gives weights summing to 1 and indices inside the source (%s)', (filter) => {
    for (const [size, out] of [
      [10, 3],
      [10, 25],
      [7, 7],
    ]) {
      const taps = computeResampleTaps(size, 0, size, out, filter);
      for (let i = 0; i < out; i++) {
        let sum = 0;
        for (let k = 0; k < taps.count[i]; k++) sum += taps.weights[i * taps.maxTaps + k];
        expect(sum).toBeCloseTo(1, 5);
        expect(taps.first[i]).toBeGreaterThanOrEqual(0);
        expect(taps.first[i] + taps.count[i] - 1).toBeLessThan(size);
      }
    }
  });

  it('averages exactly the covered pixels when shrinking by an integer factor (area)', () => {
    const taps = computeResampleTaps(12, 0, 12, 4, 'area');
    expect(Array.from(taps.first)).toEqual([0, 3, 6, 9]);
    expect(Array.from(taps.count)).toEqual([3, 3, 3, 3]);
    expect(taps.weights[0]).toBeCloseTo(1 / 3, 6);
  });
});

describe('createRowResampler', () => {
  it('gives the same rows in any reading order, reading each source row once when in order', () => {
    const image = noise(4, 40, 30);
    const source = createImageRowSource(image, 4);
    let reads = 0;
    const counting = { ...source, readRow: (y: number, x0: number, x1: number, out: Float32Array) => (reads++, source.readRow(y, x0, x1, out)) };
    const inOrder = createRowResampler(counting, 17, 13);
    const rows: Float32Array[] = [];
    for (let y = 0; y < 13; y++) {
      const row = new Float32Array(17 * 4);
      inOrder.readRow(y, row);
      rows.push(row);
    }
    expect(reads).toBe(30);
    const shuffled = createRowResampler(source, 17, 13);
    for (const y of [12, 0, 7, 3, 11]) {
      const row = new Float32Array(17 * 4);
      shuffled.readRow(y, row);
      expect(row).toEqual(rows[y]);
    }
  });

  it('reads only the columns and rows of a region', () => {
    const image = noise(5, 64, 64);
    const source = createImageRowSource(image, 3);
    const seen = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
    const spying = {
      ...source,
      readRow: (y: number, x0: number, x1: number, out: Float32Array) => {
        seen.minX = Math.min(seen.minX, x0);
        seen.maxX = Math.max(seen.maxX, x1);
        seen.minY = Math.min(seen.minY, y);
        seen.maxY = Math.max(seen.maxY, y);
        source.readRow(y, x0, x1, out);
      },
    };
    const rows = createRowResampler(spying, 5, 5, { region: { x: 20, y: 30, width: 10, height: 10 } });
    const row = new Float32Array(5 * 3);
    for (let y = 0; y < 5; y++) rows.readRow(y, row);
    expect(seen).toEqual({ minX: 20, maxX: 30, minY: 30, maxY: 39 });
  });
});
