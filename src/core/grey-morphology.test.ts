import { describe, expect, it } from 'vitest';
import { createFloatPlane } from './float-plane';
import { measureThinLineContrast } from './grey-morphology';

/** A 40×40 plane at 200 with `paint` applied to each pixel. */
function makePlane(paint: (x: number, y: number) => number | undefined) {
  const plane = createFloatPlane(40, 40, 1);
  for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) plane.data[y * 40 + x] = paint(x, y) ?? 200;
  return plane;
}

describe('measureThinLineContrast', () => {
  it('gives a thin dark line and a thin light line their full contrast', () => {
    const dark = measureThinLineContrast(makePlane((x) => (x === 20 || x === 21 ? 150 : undefined)), 2);
    expect(dark[20 * 40 + 20]).toBe(50);
    expect(dark[20 * 40 + 10]).toBe(0);
    const light = measureThinLineContrast(makePlane((_, y) => (y === 5 ? 240 : undefined)), 2);
    expect(light[5 * 40 + 30]).toBe(40);
  });

  it('gives 0 on a step edge and inside a band wider than the window', () => {
    const step = measureThinLineContrast(makePlane((x) => (x >= 20 ? 120 : undefined)), 2);
    const band = measureThinLineContrast(makePlane((x) => (x >= 10 && x < 22 ? 150 : undefined)), 2);
    for (let x = 0; x < 40; x++) {
      expect(step[20 * 40 + x]).toBe(0);
      expect(band[20 * 40 + x]).toBe(0);
    }
  });

  it('refuses a plane of several channels', () => {
    expect(() => measureThinLineContrast(createFloatPlane(4, 4, 3), 1)).toThrow(RangeError);
  });
});
