import { describe, expect, it } from 'vitest';
import { createImage, createMask } from './image';
import { computeWorkingFactor, createWorkingPlanes } from './working-planes';

describe('createWorkingPlanes', () => {
  it('keeps small photos at full size', () => {
    const planes = createWorkingPlanes(createImage(40, 30, [10, 20, 30, 255]), createMask(40, 30, 255), 64);
    expect(planes.factor).toBe(1);
    expect([planes.image.width, planes.image.height]).toEqual([40, 30]);
    expect(Array.from(planes.image.data.subarray(0, 3))).toEqual([10, 20, 30]);
    expect(planes.mask.data[0]).toBe(255);
  });

  it('averages integer blocks, partial ones on the right and bottom edges', () => {
    const image = createImage(5, 3, [0, 0, 0, 255]);
    const mask = createMask(5, 3);
    // The right column is white and fully masked: the partial blocks (1 px wide) read it alone.
    for (let y = 0; y < 3; y++) {
      image.data.fill(255, (y * 5 + 4) * 4, (y * 5 + 4) * 4 + 3);
      mask.data[y * 5 + 4] = 255;
    }
    expect(computeWorkingFactor(5, 3, 3)).toBe(2);
    const planes = createWorkingPlanes(image, mask, 3);
    expect([planes.mask.width, planes.mask.height]).toEqual([3, 2]);
    expect(planes.mask.data[2]).toBe(255);
    expect(planes.mask.data[1]).toBe(0);
    expect(planes.image.data[2 * 3]).toBe(255);
  });
});
