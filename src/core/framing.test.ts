import { describe, expect, it } from 'vitest';
import { createMask } from './image';
import { computePlacement, refinePlacement, type FramingTarget } from './framing';

const square: FramingTarget = { widthPx: 1000, heightPx: 1000, fill: 0.85, anchorX: 0.5, anchorY: 0.5, margin: 0.02 };

function boxMask(width: number, height: number, box: { x: number; y: number; w: number; h: number }) {
  const mask = createMask(width, height);
  for (let y = box.y; y < box.y + box.h; y++) mask.data.fill(255, y * width + box.x, y * width + box.x + box.w);
  return mask;
}

describe('computePlacement', () => {
  it('scales the box to the fill on its limiting side and puts its centre on the anchor', () => {
    const placement = computePlacement(boxMask(400, 300, { x: 100, y: 50, w: 200, h: 100 }), square)!;
    expect(placement.scale).toBeCloseTo(850 / 200);
    expect([placement.sourceX, placement.sourceY]).toEqual([200, 100]);
    expect([placement.targetX, placement.targetY]).toEqual([500, 500]);
  });

  it('lets the margin win over a fill that would touch the edges, and moves an anchor in so nothing is cropped', () => {
    const mask = boxMask(400, 300, { x: 100, y: 50, w: 200, h: 100 });
    const tight = computePlacement(mask, { ...square, fill: 1, margin: 0.1 })!;
    expect(tight.scale * 200).toBeCloseTo(800);
    const corner = computePlacement(mask, { ...square, anchorX: 0.95, anchorY: 0.05 })!;
    expect(corner.targetX + (200 * corner.scale) / 2).toBeCloseTo(980);
    expect(corner.targetY - (100 * corner.scale) / 2).toBeCloseTo(20);
  });

  it('does not count a thin strand that fades out when shrunk', () => {
    // A 200 px pendant plus a 1 px strand running 1,800 px to the photo's edge.
    const mask = boxMask(2000, 2000, { x: 900, y: 900, w: 200, h: 200 });
    for (let x = 100; x < 1900; x++) mask.data[1000 * 2000 + x] = 255;
    const placement = computePlacement(mask, { ...square, fill: 0.5 })!;
    // Without re-measuring, the 1,800 px box would give scale 500 / 1800 ≈ 0.28 and the strand would vanish.
    expect(placement.box.width).toBeLessThan(260);
  });

  it('is null for an empty mask', () => {
    expect(computePlacement(createMask(10, 10), square)).toBeNull();
  });
});

describe('refinePlacement', () => {
  const placement = { scale: 2, sourceX: 100, sourceY: 100, targetX: 500, targetY: 500, box: { x: 50, y: 50, width: 100, height: 100 } };

  it('leaves a placement whose composed box already has the fill', () => {
    expect(refinePlacement(placement, { x: 75, y: 75, width: 850, height: 850 }, square)).toBeNull();
  });

  it('scales the visible box up to the fill and centres it on the anchor', () => {
    // Faint parts made the fitted box too big: only a 600 px box, off-centre, is visible.
    const refined = refinePlacement(placement, { x: 300, y: 200, width: 600, height: 400 }, square)!;
    expect(refined.scale).toBeCloseTo(2 * (850 / 600));
    expect([refined.sourceX, refined.sourceY]).toEqual([150, 50]);
    expect([refined.targetX, refined.targetY]).toEqual([500, 500]);
  });
});
