import { describe, expect, it } from 'vitest';
import { noise } from '../../tests/support/images';
import { createFloatPlane } from './float-plane';
import { createMask } from './image';
import { createImageRowSource, createMaskRowSource, createPlaneRowSource } from './row-sources';

describe('row sources', () => {
  it('read a column range of an image as RGB or RGBA floats', () => {
    const image = noise(2, 8, 4);
    const rgb = new Float32Array(3 * 3);
    createImageRowSource(image, 3).readRow(2, 4, 7, rgb);
    const i = (2 * 8 + 4) * 4;
    expect(Array.from(rgb.subarray(0, 3))).toEqual(Array.from(image.data.subarray(i, i + 3)));
    const rgba = new Float32Array(4);
    createImageRowSource(image).readRow(3, 7, 8, rgba);
    expect(Array.from(rgba)).toEqual(Array.from(image.data.subarray((3 * 8 + 7) * 4, (3 * 8 + 8) * 4)));
  });

  it('read masks and planes unchanged', () => {
    const mask = createMask(5, 2);
    mask.data.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const out = new Float32Array(2);
    createMaskRowSource(mask).readRow(1, 2, 4, out);
    expect(Array.from(out)).toEqual([8, 9]);
    const plane = createFloatPlane(3, 2, 2);
    plane.data.set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const pair = new Float32Array(4);
    createPlaneRowSource(plane).readRow(1, 1, 3, pair);
    expect(Array.from(pair)).toEqual([8, 9, 10, 11]);
  });
});
