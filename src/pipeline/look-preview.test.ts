import { describe, expect, it } from 'vitest';
import { disc, discMask } from '../../tests/support/images';
import { createImage } from '../core/image';
import { findLookPreset } from './look-presets';
import { renderLookPreview } from './look-preview';

/** A cut-out: an annulus with its alpha, on transparency. */
function makeCutout() {
  const image = disc(300, 200, { outerRadius: 0.8, innerRadius: 0.4, ringRgb: [200, 160, 60] });
  const alpha = discMask(300, 200, { outerRadius: 0.8, innerRadius: 0.4 });
  alpha.data.forEach((a, i) => (image.data[i * 4 + 3] = a));
  return image;
}

describe('renderLookPreview', () => {
  it('draws the look small: its proportions, background and shadow', () => {
    const dark = findLookPreset('dark-luxury')!.look;
    const preview = renderLookPreview(makeCutout(), dark, 200)!;
    expect([preview.width, preview.height]).toEqual([200, 200]);
    expect(preview.data[0]).toBeGreaterThan(50); // top of the charcoal sweep
    expect(preview.data[(199 * 200) * 4]).toBeLessThan(25); // bottom
    const shopify = renderLookPreview(makeCutout(), findLookPreset('shopify')!.look, 256)!;
    expect(Array.from(shopify.data.subarray(0, 3))).toEqual([255, 255, 255]);
  });

  it('is null for an empty cut-out', () => {
    expect(renderLookPreview(createImage(20, 20), findLookPreset('white')!.look)).toBeNull();
  });
});
