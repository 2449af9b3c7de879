import { describe, expect, it } from 'vitest';
import { convertSrgbToLab } from './color-difference';
import { createMetalToneTransform } from './metal-tone';

function toLch(rgb: Float64Array | number[]): { l: number; c: number; h: number } {
  const [l, a, b] = convertSrgbToLab(Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2]));
  let h = (Math.atan2(b, a) * 180) / Math.PI;
  if (h < 0) h += 360;
  return { l, c: Math.hypot(a, b), h };
}

function transform(metal: 'white' | 'yellow' | 'rose' | 'mixed', rgb: [number, number, number], strength = 1, warmHueDeg = 80) {
  const out = new Float64Array(3);
  createMetalToneTransform(metal, strength, warmHueDeg)(rgb[0], rgb[1], rgb[2], out);
  return out;
}

describe('metal toning', () => {
  it('neutralises a tinted white metal but leaves a clearly coloured stone', () => {
    const tinted = toLch([200, 196, 186]);
    const toned = toLch(transform('white', [200, 196, 186]));
    expect(tinted.c).toBeGreaterThan(4);
    expect(toned.c).toBeLessThan(tinted.c * 0.25);
    const sapphire = toLch([40, 60, 170]);
    const tonedSapphire = toLch(transform('white', [40, 60, 170]));
    expect(Math.abs(tonedSapphire.c - sapphire.c)).toBeLessThan(1);
    expect(Math.abs(tonedSapphire.h - sapphire.h)).toBeLessThan(1);
  });

  it('keeps gold in its band: an orange and a greenish gold are pulled in, a gold inside stays', () => {
    const orange = toLch(transform('yellow', [214, 140, 60]));
    const greenish = toLch(transform('yellow', [200, 200, 90]));
    const inside = toLch([212, 166, 64]);
    const insideToned = toLch(transform('yellow', [212, 166, 64]));
    expect(toLch([214, 140, 60]).h).toBeLessThan(70);
    expect(orange.h).toBeGreaterThanOrEqual(71);
    expect(toLch([200, 200, 90]).h).toBeGreaterThan(95);
    expect(greenish.h).toBeLessThanOrEqual(91);
    expect(Math.abs(insideToned.h - inside.h)).toBeLessThan(1);
    expect(insideToned.c).toBeGreaterThanOrEqual(inside.c);
  });

  it('keeps rose gold pink-copper and leaves a green stone on it alone', () => {
    const yellowish = toLch(transform('rose', [220, 170, 110]));
    expect(yellowish.h).toBeLessThanOrEqual(63);
    const emerald = toLch([30, 150, 90]);
    expect(Math.abs(toLch(transform('rose', [30, 150, 90])).h - emerald.h)).toBeLessThan(1);
  });

  it('is the identity at strength 0', () => {
    for (const metal of ['white', 'yellow', 'rose', 'mixed'] as const) {
      const out = transform(metal, [200, 150, 90], 0);
      expect(Array.from(out).map(Math.round)).toEqual([200, 150, 90]);
    }
  });
});
