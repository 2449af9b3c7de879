import { describe, expect, it } from 'vitest';
import { renderRingScene } from '../../tests/support/images';
import { computeHueDegrees } from './color-difference';
import { decodeSrgbToLinear, writeLinearRgbAsLab } from './color-transfer';
import { createMask, type Mask, type RgbaImage } from './image';
import { applyLocalContrastInPlace, createStoneVibranceTransform } from './piece-brilliance';

function transformOnce(rgb: [number, number, number], strength = 1): [number, number, number] {
  const out = new Float64Array(3);
  createStoneVibranceTransform(strength)(rgb[0], rgb[1], rgb[2], out);
  return [out[0], out[1], out[2]];
}

function hueAndChroma(rgb: readonly number[]): { l: number; chroma: number; hue: number } {
  const lab = [0, 0, 0];
  writeLinearRgbAsLab(decodeSrgbToLinear(rgb[0]), decodeSrgbToLinear(rgb[1]), decodeSrgbToLinear(rgb[2]), lab);
  const [l, a, b] = lab;
  return { l, chroma: Math.hypot(a, b), hue: computeHueDegrees(a, b) };
}

/** A square piece on a white backdrop: luma from `paint(x, y)` inside, mask 255 there, 0 outside. */
function squarePiece(size: number, inset: number, paint: (x: number, y: number) => number): { image: RgbaImage; mask: Mask } {
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  const mask = createMask(size, size);
  for (let y = inset; y < size - inset; y++) {
    for (let x = inset; x < size - inset; x++) {
      const v = paint(x, y);
      data.set([v, v, v, 255], (y * size + x) * 4);
      mask.data[y * size + x] = 255;
    }
  }
  return { image: { width: size, height: size, data }, mask };
}

describe('createStoneVibranceTransform', () => {
  it('makes a blue, a green, a purple and a pink stone more vivid, keeping hue within 0.5° and L* within 0.5', () => {
    for (const stone of [
      [40, 70, 160],
      [40, 140, 90],
      [130, 80, 160],
      [220, 110, 170], // pink sapphire, hue ≈ 350°
    ] as [number, number, number][]) {
      const before = hueAndChroma(stone);
      const after = hueAndChroma(transformOnce(stone));
      expect(after.chroma, `${stone}`).toBeGreaterThan(before.chroma * 1.08);
      expect(Math.abs(after.hue - before.hue), `${stone}`).toBeLessThan(0.5);
      expect(Math.abs(after.l - before.l), `${stone}`).toBeLessThan(0.5);
    }
  });

  it('leaves gold, rose gold, skin, near-greys and strength 0 as they are', () => {
    const unchanged: [number, number, number][] = [
      [212, 175, 90], // yellow gold
      [200, 140, 120], // rose gold
      [183, 110, 121], // a pink rose gold (#B76E79, hue ≈ 12°)
      [225, 180, 150], // skin
      [200, 200, 204], // white metal with a faint cool tint
      [120, 120, 120],
    ];
    for (const rgb of unchanged) {
      const out = transformOnce(rgb);
      for (let c = 0; c < 3; c++) expect(out[c], `${rgb}`).toBeCloseTo(rgb[c], 6);
    }
    const out = transformOnce([40, 70, 160], 0);
    expect(out).toEqual([40, 70, 160]);
  });

  it('has no jump where hue 360° meets 0°, and leaves every near-grey (C* < 8) exactly as it is', () => {
    // Hue ≈ 0.6° and ≈ 359°, on the feather's slope: 0.06 apart (measuring 359° as 359 rather than −1 makes it 0.13).
    const gainOf = (rgb: [number, number, number]) => hueAndChroma(transformOnce(rgb)).chroma / hueAndChroma(rgb).chroma;
    expect(Math.abs(gainOf([205, 120, 146]) - gainOf([205, 120, 148]))).toBeLessThan(0.09);
    for (let v = 0; v <= 255; v += 15) {
      for (const tint of [[0, 0, 0], [4, 0, -4], [-3, 2, 3], [0, -4, 3]]) {
        const rgb = tint.map((t) => Math.min(255, Math.max(0, v + t))) as [number, number, number];
        if (hueAndChroma(rgb).chroma >= 8) continue;
        const out = transformOnce(rgb);
        for (let c = 0; c < 3; c++) expect(out[c], `${rgb}`).toBe(rgb[c]);
      }
    }
  });
});

describe('applyLocalContrastInPlace', () => {
  it('raises the contrast of facets on the piece and touches nothing off it', () => {
    // Facets 3 px wide, and a polished edge (a tenth of the piece, its highlights) at the right.
    const { image, mask } = squarePiece(200, 20, (x) => (x >= 164 ? 250 : Math.floor(x / 3) % 2 === 0 ? 110 : 170));
    const before = new Uint8ClampedArray(image.data);
    applyLocalContrastInPlace(image, mask, 1);
    let spreadBefore = 0;
    let spreadAfter = 0;
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i] === 0) {
        expect(image.data[i * 4]).toBe(before[i * 4]);
        continue;
      }
      if (before[i * 4] === 250) {
        expect(image.data[i * 4]).toBe(250);
        continue;
      }
      spreadBefore += Math.abs(before[i * 4] - 140);
      spreadAfter += Math.abs(image.data[i * 4] - 140);
    }
    expect(spreadAfter).toBeGreaterThan(spreadBefore * 1.2);
  });

  it('on a dark piece (p95 luma 28) still raises the contrast of its facets, both ways, and leaves its brightest 5 % alone', () => {
    const { image, mask } = squarePiece(200, 20, (x) => (x >= 164 ? 28 : Math.floor(x / 3) % 2 === 0 ? 6 : 14));
    const before = new Uint8ClampedArray(image.data);
    applyLocalContrastInPlace(image, mask, 1);
    let brighter = 0;
    let darker = 0;
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i] === 0) continue;
      if (before[i * 4] === 28) expect(image.data[i * 4]).toBe(28);
      else if (image.data[i * 4] > before[i * 4]) brighter++;
      else if (image.data[i * 4] < before[i * 4]) darker++;
    }
    expect(brighter).toBeGreaterThan(1000);
    expect(darker).toBeGreaterThan(1000);
  });

  it('brightens bright details towards the highlights without a shelf: in order, below the fade, not all at one level', () => {
    // Single bright dots of luma 200..214 on a flat 150 field, 20 px apart; a bright patch lifts the p95 to 250, so
    // the fade runs from 215 to 245.
    const levels = Array.from({ length: 15 }, (_, k) => 200 + k);
    const { image, mask } = squarePiece(400, 20, (x, y) => (x >= 340 ? 250 : y === 100 && (x - 40) % 20 === 0 && (x - 40) / 20 < levels.length ? levels[(x - 40) / 20] : 150));
    applyLocalContrastInPlace(image, mask, 1);
    const after = levels.map((_, k) => image.data[(100 * 400 + 40 + 20 * k) * 4]);
    for (let k = 0; k < after.length; k++) {
      expect(after[k], `${levels[k]}`).toBeGreaterThanOrEqual(levels[k]);
      expect(after[k], `${levels[k]}`).toBeLessThan(215);
      if (k > 0) expect(after[k]).toBeGreaterThanOrEqual(after[k - 1]);
    }
    expect(after[0]).toBeGreaterThan(levels[0] + 5);
    expect(new Set(after).size).toBeGreaterThanOrEqual(7);
  });

  it('draws no rim: a piece on white stays flat along its edge (the backdrop is not its surroundings)', () => {
    // A bright patch in the middle (a tenth of the piece) lifts its p95, so the flat part is not protected as highlights.
    const { image, mask } = squarePiece(120, 10, (x, y) => (Math.abs(x - 60) < 17 && Math.abs(y - 60) < 17 ? 250 : 150));
    applyLocalContrastInPlace(image, mask, 1);
    for (let y = 10; y < 110; y++) {
      for (let x = 10; x < 110; x++) {
        const isNearEdge = Math.min(x - 10, y - 10, 109 - x, 109 - y) < 8;
        if (isNearEdge) expect(Math.abs(image.data[(y * 120 + x) * 4] - 150), `${x},${y}`).toBeLessThanOrEqual(1);
      }
    }
  });

  it('on a large piece (measured on a reduced plane) with a soft edge, a flat piece stays flat along it', () => {
    const size = 1400;
    const { image, mask } = squarePiece(size, 100, (x, y) => (Math.abs(x - 700) < 200 && Math.abs(y - 700) < 200 ? 250 : 150));
    // A 6 px soft edge: alpha falls from 255 to 0 outside the square, the photo blended with white there.
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const outside = Math.max(100 - x, x - (size - 101), 100 - y, y - (size - 101));
        if (outside <= 0 || outside > 6) continue;
        const a = Math.round(255 * (1 - outside / 7));
        mask.data[y * size + x] = a;
        const v = Math.round((150 * a + 255 * (255 - a)) / 255);
        image.data.set([v, v, v, 255], (y * size + x) * 4);
      }
    }
    const before = new Uint8ClampedArray(image.data);
    applyLocalContrastInPlace(image, mask, 1);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        // Along the soft edge (far from the bright patch, whose own surroundings do change): flat, and no rim.
        const isAlongEdge = Math.min(x, y, size - 1 - x, size - 1 - y) < 130;
        if (mask.data[i] === 255 && isAlongEdge) expect(Math.abs(image.data[i * 4] - 150), `${x},${y}`).toBeLessThanOrEqual(1);
        else if (mask.data[i] < 128) expect(image.data[i * 4]).toBe(before[i * 4]);
      }
    }
  });

  it("leaves a ring's brightest pixels (luma ≥ 245) exactly as they are, and its gold's hue within 5°", () => {
    const ring = renderRingScene({ widthPx: 320, heightPx: 240, metal: 'gold', seed: 3 });
    const before = new Uint8ClampedArray(ring.image.data);
    applyLocalContrastInPlace(ring.image, ring.mask, 1);
    let moved = 0;
    for (let i = 0; i < ring.mask.data.length; i++) {
      const q = i * 4;
      const luma = 0.299 * before[q] + 0.587 * before[q + 1] + 0.114 * before[q + 2];
      if (luma >= 245) for (let c = 0; c < 3; c++) expect(ring.image.data[q + c]).toBe(before[q + c]);
      if (ring.mask.data[i] < 250 || luma < 60) continue;
      const was = hueAndChroma([before[q], before[q + 1], before[q + 2]]);
      const now = hueAndChroma([ring.image.data[q], ring.image.data[q + 1], ring.image.data[q + 2]]);
      if (was.chroma > 10) expect(Math.abs(now.hue - was.hue)).toBeLessThan(5);
      if (now.l !== was.l) moved++;
    }
    expect(moved).toBeGreaterThan(100);
  });
});
