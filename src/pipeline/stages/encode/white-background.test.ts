import { describe, expect, it } from 'vitest';
import { createImage, createMask } from '../../../core/image';
import { markWhiteBackground } from './white-background';

describe('markWhiteBackground', () => {
  it('marks white pixels outside the piece, not the piece, its soft edge or a shadow', () => {
    const image = createImage(4, 1, [255, 255, 255, 255]);
    image.data.set([250, 250, 250, 255], 8); // a shadow pixel
    const alpha = createMask(4, 1);
    alpha.data[0] = 255; // the piece (white metal on white)
    alpha.data[1] = 3; // its faintest edge
    expect(Array.from(markWhiteBackground(image, alpha)!.data)).toEqual([0, 0, 0, 255]);
  });

  it('is null when no pixel of the background is white (a grey look)', () => {
    expect(markWhiteBackground(createImage(3, 2, [240, 240, 240, 255]), createMask(3, 2))).toBeNull();
  });

  it('refuses an alpha of another size', () => {
    expect(() => markWhiteBackground(createImage(3, 2), createMask(2, 3))).toThrow(RangeError);
  });
});
