import { describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { createMask, type Mask } from '../../../core/image';
import { frame } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

/** A photo's mask with one solid piece `side` px square in the middle. */
function squarePiece(side: number): Mask {
  const mask = createMask(side * 3, side * 3);
  for (let y = side; y < 2 * side; y++) mask.data.fill(255, y * mask.width + side, y * mask.width + 2 * side);
  return mask;
}

describe('frame stage', () => {
  // The white catalog look: 2000 px square at 85 % fill, so a piece is drawn 1700 px across.
  it('places a piece without a check when it is not enlarged past 4×', async () => {
    const framed = await frame.run({ source, mask: squarePiece(500), checks: [] }, frame.defaults, createFakeStageContext());
    expect(framed.placement?.scale).toBeCloseTo(1700 / 500, 5);
    expect(framed.checks).toEqual([]);
  });

  it('flags a piece so small in the photo that it is enlarged past 4×, keeping the checks before it', async () => {
    const earlier = { code: 'unsure-mask' as const, message: 'earlier' };
    const framed = await frame.run({ source, mask: squarePiece(300), checks: [earlier] }, frame.defaults, createFakeStageContext());
    expect(framed.placement?.scale).toBeCloseTo(1700 / 300, 5);
    expect(framed.checks?.map((check) => check.code)).toEqual(['unsure-mask', 'low-resolution']);
    expect(framed.checks?.[1].message).toContain('300×300 px');
    expect(framed.checks?.[1].message).toContain('5.7×');
  });
});
