import { describe, expect, it } from 'vitest';
import { createMask, type Mask } from '../core/image';
import { measureFill, measureFillError } from './fill-error';

function rectMask(width: number, height: number, x: number, y: number, w: number, h: number, value = 255): Mask {
  const mask = createMask(width, height);
  for (let row = y; row < y + h; row++) mask.data.fill(value, row * width + x, row * width + x + w);
  return mask;
}

describe('measureFill', () => {
  it('takes the limiting side: a 50×40 box in a 200×100 frame fills max(0.25, 0.4) = 0.4', () => {
    expect(measureFill(rectMask(200, 100, 10, 30, 50, 40))).toBeCloseTo(0.4, 12);
  });

  it('uses the box, not the area: an L shape fills like its bounding box', () => {
    const mask = rectMask(100, 100, 10, 10, 5, 60);
    mask.data.fill(255, 69 * 100 + 10, 69 * 100 + 80); // bottom bar, 70 px wide
    expect(measureFill(mask)).toBeCloseTo(0.7, 12);
  });

  it('thresholds at > 127 like compose, and is null for an empty mask', () => {
    const mask = rectMask(100, 100, 10, 10, 50, 50);
    mask.data.fill(127, 0, 100); // a faint top row does not widen the box
    expect(measureFill(mask)).toBeCloseTo(0.5, 12);
    expect(measureFill(createMask(10, 10))).toBeNull();
  });
});

describe('measureFillError', () => {
  it('reports the fill against the target in percentage points', () => {
    const result = measureFillError(rectMask(200, 100, 10, 30, 50, 40), 0.85)!;
    expect(result.fillPct).toBeCloseTo(40, 10);
    expect(result.targetPct).toBeCloseTo(85, 10);
    expect(result.errorPoints).toBeCloseTo(-45, 10);
  });

  it('is zero when the box is exactly the target on a square frame', () => {
    const result = measureFillError(rectMask(100, 100, 8, 20, 85, 40), 0.85)!;
    expect(result.errorPoints).toBeCloseTo(0, 10);
    expect(measureFillError(createMask(8, 8), 0.85)).toBeNull();
  });
});
