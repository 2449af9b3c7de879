import { describe, expect, it } from 'vitest';
import { disc, discMask } from '../../tests/support/images';
import { estimateBackdropField } from './backdrop-field';
import { createMask } from './image';

describe('estimateBackdropField', () => {
  it('finds the backdrop colour everywhere, including under the piece', () => {
    const image = disc(64, 64, { outerRadius: 0.7, innerRadius: 0, ringRgb: [250, 250, 250], backdropRgb: [40, 160, 60] });
    const alpha = discMask(64, 64, { outerRadius: 0.7, innerRadius: 0 });
    const field = estimateBackdropField(image, alpha, { x: 0, y: 0, width: 64, height: 64 });
    expect(field).not.toBeNull();
    for (let k = 0; k < field!.width * field!.height; k++) {
      expect(Math.abs(field!.data[k * 3] - 40)).toBeLessThan(1);
      expect(Math.abs(field!.data[k * 3 + 1] - 160)).toBeLessThan(1);
    }
  });

  it('returns null when no pixel is background', () => {
    expect(estimateBackdropField(disc(16), createMask(16, 16, 255), { x: 0, y: 0, width: 16, height: 16 })).toBeNull();
  });
});
