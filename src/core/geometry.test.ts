import { describe, expect, it } from 'vitest';
import { expandRect, intersectRects } from './geometry';

describe('geometry', () => {
  it('intersects overlapping rectangles and returns null for disjoint ones', () => {
    expect(intersectRects({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: -2, width: 10, height: 6 })).toEqual({ x: 5, y: 0, width: 5, height: 4 });
    expect(intersectRects({ x: 0, y: 0, width: 4, height: 4 }, { x: 4, y: 0, width: 4, height: 4 })).toBeNull();
  });

  it('expands a rectangle on every side', () => {
    expect(expandRect({ x: 3, y: 4, width: 5, height: 6 }, 2)).toEqual({ x: 1, y: 2, width: 9, height: 10 });
  });
});
