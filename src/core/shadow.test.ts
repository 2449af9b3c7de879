import { describe, expect, it } from 'vitest';
import { discMask } from '../../tests/support/images';
import { renderBackgroundImage } from './composite';
import { createMask } from './image';
import { applyShadowInPlace, renderShadowedBackground, renderShadowMap } from './shadow';

/** A 400×400 canvas with a disc piece (diameter 200) in the middle. */
const alpha = discMask(400, 400, { outerRadius: 0.5, innerRadius: 0 });

function rowMeans(map: { width: number; height: number; data: Uint8Array }, x: number): number[] {
  return Array.from({ length: map.height }, (_, y) => map.data[y * map.width + x]);
}

describe('renderShadowMap', () => {
  it('puts a contact shadow just under the base and nothing above the piece', () => {
    const map = renderShadowMap(alpha, { kind: 'contact', opacity: 0.4, softness: 0.04, offsetX: 0, offsetY: 0.02 })!;
    const column = rowMeans(map, 200);
    expect(Math.max(...column.slice(300, 316))).toBeGreaterThan(100); // just below the disc's bottom (y = 300)
    expect(column[80]).toBe(0); // above the disc
    expect(column[360]).toBe(0); // far below
  });

  it('casts a soft drop shadow offset down and the same whatever runs it (deterministic)', () => {
    const spec = { kind: 'drop', opacity: 0.5, softness: 0.08, offsetX: 0, offsetY: 0.1 } as const;
    const map = renderShadowMap(alpha, spec)!;
    expect(map.data[320 * 400 + 200]).toBeGreaterThan(map.data[80 * 400 + 200]);
    expect(renderShadowMap(alpha, spec)!.data).toEqual(map.data);
    expect(renderShadowMap(createMask(50, 50), spec)).toBeNull();
  });
});

describe('applyShadowInPlace', () => {
  it('darkens only the background share, matching the shadowed background exactly where alpha is 0', () => {
    const background = renderBackgroundImage(400, 400, [250, 250, 250]);
    const map = renderShadowMap(alpha, { kind: 'drop', opacity: 0.5, softness: 0.05, offsetX: 0.1, offsetY: 0.1 })!;
    const picture = renderBackgroundImage(400, 400, [250, 250, 250]);
    for (let i = 0; i < alpha.data.length; i++) if (alpha.data[i] === 255) picture.data.set([30, 30, 30], i * 4);
    applyShadowInPlace(picture, alpha, background, map, 0.5);
    const expected = renderShadowedBackground(background, map, 0.5);
    for (let i = 0; i < alpha.data.length; i++) {
      if (alpha.data[i] === 0) expect(picture.data[i * 4]).toBe(expected.data[i * 4]);
      if (alpha.data[i] === 255) expect(picture.data[i * 4]).toBe(30);
    }
    let darkest = 255;
    for (let i = 0; i < expected.data.length; i += 4) darkest = Math.min(darkest, expected.data[i]);
    expect(darkest).toBeLessThan(200);
  });
});

describe('renderBackgroundImage', () => {
  it('draws a dithered vertical gradient whose rows average to the straight line', () => {
    const image = renderBackgroundImage(64, 101, [60, 60, 60], [20, 20, 20]);
    const rowMean = (y: number) => Array.from({ length: 64 }, (_, x) => image.data[(y * 64 + x) * 4]).reduce((a, b) => a + b) / 64;
    expect(rowMean(0)).toBeCloseTo(60, 0);
    expect(rowMean(50)).toBeCloseTo(40, 0);
    expect(rowMean(100)).toBeCloseTo(20, 0);
  });
});
