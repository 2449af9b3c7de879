import { describe, expect, it } from 'vitest';
import { renderRingScene } from '../../tests/support/images';
import type { RgbaImage } from '../core/image';
import { whiteCatalogLook } from './look';
import { measureReferenceLook } from './reference-look';

/** The scene's piece over a plain background (a studio reference): new = m·photo + (1 − m)·background(y). */
function restage(scene: ReturnType<typeof renderRingScene>, backgroundAt: (y: number) => [number, number, number]): RgbaImage {
  const { width, height } = scene.image;
  const data = new Uint8ClampedArray(scene.image.data);
  for (let y = 0; y < height; y++) {
    const bg = backgroundAt(y / (height - 1));
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const m = scene.mask.data[i] / 255;
      for (let c = 0; c < 3; c++) data[i * 4 + c] = m * scene.image.data[i * 4 + c] + (1 - m) * bg[c];
    }
  }
  return { width, height, data };
}

describe('measureReferenceLook', () => {
  const ring = renderRingScene({ widthPx: 800, heightPx: 800, seed: 9, metal: 'silver', backdrop: 'paper', backdropRgb: [128, 130, 134], pieceSize: 0.5, centerY: 0.5 });

  it('reads a grey paper backdrop, the fill and position, and the soft shadow under the ring', () => {
    const { look, notes } = measureReferenceLook(ring.image, ring.mask, whiteCatalogLook)!;
    expect(look.background.kind).toBe('solid');
    const rgb = look.background.kind === 'solid' ? look.background.rgb : [0, 0, 0];
    // The backdrop as rendered (texture and light included): the mean of its pixels in the top fifth.
    const mean = [0, 0, 0];
    let count = 0;
    for (let i = 0; i < 800 * 160; i++) {
      if (ring.mask.data[i] > 0) continue;
      for (let c = 0; c < 3; c++) mean[c] += ring.image.data[i * 4 + c];
      count++;
    }
    for (let c = 0; c < 3; c++) expect(Math.abs(rgb[c] - mean[c] / count)).toBeLessThanOrEqual(8);
    expect(look.framing.fill).toBeCloseTo(0.5, 1);
    expect(look.framing.anchorX).toBeCloseTo(0.5, 1);
    expect(look.shadow.kind).not.toBe('none');
    expect(look.shadow.opacity).toBeGreaterThan(0.1);
    expect(look.output).toEqual(whiteCatalogLook.output);
    expect(notes.length).toBeGreaterThan(2);
  });

  it('reads a white studio reference as pure white without a shadow', () => {
    const studio = restage(ring, () => [251, 251, 251]);
    const { look } = measureReferenceLook(studio, ring.mask, whiteCatalogLook)!;
    expect(look.background).toEqual({ kind: 'solid', rgb: [255, 255, 255] });
    expect(look.shadow.kind).toBe('none');
  });

  it('reads a dark sweep as a gradient from top to bottom', () => {
    const sweep = restage(ring, (y) => [Math.round(70 - 50 * y), Math.round(70 - 50 * y), Math.round(76 - 50 * y)]);
    const { look } = measureReferenceLook(sweep, ring.mask, whiteCatalogLook)!;
    expect(look.background.kind).toBe('gradient');
    if (look.background.kind !== 'gradient') return;
    expect(Math.abs(look.background.topRgb[0] - 70)).toBeLessThanOrEqual(4);
    expect(Math.abs(look.background.bottomRgb[0] - 20)).toBeLessThanOrEqual(4);
  });

  it('is null when no piece was found', () => {
    expect(measureReferenceLook(ring.image, { ...ring.mask, data: new Uint8Array(ring.mask.data.length) }, whiteCatalogLook)).toBeNull();
  });
});
