import { describe, expect, it } from 'vitest';
import { composePieceOnCanvas } from '../core/composite';
import { disc, discMask } from '../../tests/support/images';
import { measureHalo } from './halo';
import { renderCleanEdgeReference } from './halo-reference';

const white = [255, 255, 255] as const;
const layout = { widthPx: 160, heightPx: 160, backgroundRgb: white, fill: 0.8, anchorX: 0.5, anchorY: 0.5 };
const options = { outerRadius: 0.45, innerRadius: 0.2, ringRgb: [90, 70, 40] as const, backdropRgb: [40, 160, 60] as const };

describe('renderCleanEdgeReference', () => {
  it('gives no halo for a clean cut and a clear halo when the old green backdrop leaks into the edge', () => {
    const photo = disc(200, 200, options);
    const alpha = discMask(200, 200, options);
    const clean = composePieceOnCanvas(photo, alpha, layout, { decontaminate: true })!;
    const leaky = composePieceOnCanvas(photo, alpha, layout, { decontaminate: false })!;
    const cleanHalo = measureHalo(clean.image, clean.alpha, white, { image: renderCleanEdgeReference(clean.image, clean.alpha, white) });
    const leakyHalo = measureHalo(leaky.image, leaky.alpha, white, { image: renderCleanEdgeReference(leaky.image, leaky.alpha, white) });
    expect(Math.abs(cleanHalo.haloDeltaE00)).toBeLessThan(0.1);
    expect(leakyHalo.haloDeltaE00).toBeGreaterThan(1);
    // The raw edge ring is far from white for both (anti-aliasing): only the reference separates them.
    expect(cleanHalo.measuredDeltaE00).toBeGreaterThan(2);
  });

  it('copies pixels that are fully in or out and refuses mismatched sizes', () => {
    const photo = disc(40, 40, options);
    const alpha = discMask(40, 40, options);
    const reference = renderCleanEdgeReference(photo, alpha, white);
    for (let i = 0; i < alpha.data.length; i++) {
      if (alpha.data[i] === 0 || alpha.data[i] === 255) expect(reference.data[i * 4 + 1]).toBe(photo.data[i * 4 + 1]);
    }
    expect(() => renderCleanEdgeReference(photo, discMask(20, 20), white)).toThrow(RangeError);
  });
});
