import { describe, expect, it } from 'vitest';
import { createFloatPlane } from './float-plane';
import { measureLocalDeviation } from './local-deviation';

describe('measureLocalDeviation', () => {
  it('is 0 on a flat picture and about half the step on an edge', () => {
    const plane = createFloatPlane(8, 4, 3);
    plane.data.fill(128);
    expect(Math.max(...measureLocalDeviation(plane, 1))).toBeLessThan(1e-3);
    for (let y = 0; y < 4; y++) for (let x = 4; x < 8; x++) plane.data.fill(228, (y * 8 + x) * 3, (y * 8 + x) * 3 + 3);
    const deviation = measureLocalDeviation(plane, 1);
    expect(deviation[1 * 8 + 4]).toBeGreaterThan(40);
    expect(deviation[1 * 8 + 0]).toBeLessThan(1e-3);
  });
});
