import { describe, expect, it } from 'vitest';
import { compositeScene } from '../../tests/support/backdrop';
import { applyCast, copyImage } from '../../tests/support/color-cast';
import { computeBump, computeEdgeCoverage, createPieceLayer, measureEllipseDistance, paintShapeInPlace } from '../../tests/support/piece-layer';
import { sampleValueNoise } from '../../tests/support/random';
import { convertSrgbToLab, writeSrgbAsLab } from './color-difference';
import { applyColorLut3dInPlace, buildColorLut3d } from './color-lut-3d';
import { encodeLinearToSrgb, writeLabAsLinearRgb } from './color-transfer';
import type { Mask, RgbaImage } from './image';
import { estimateWhiteMetalCast } from './metal-cast';
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

  it('turns a pale greenish highlight on gold pale gold, smoothly with chroma, and leaves green stones and white alone', () => {
    const mint = toLch([233, 242, 226]);
    const toned = toLch(transform('yellow', [233, 242, 226]));
    expect(mint.h).toBeGreaterThan(125);
    expect(toned.h).toBeLessThanOrEqual(96);
    expect(Math.abs(toned.c - mint.c)).toBeLessThan(1.5);
    expect(Math.abs(toned.l - mint.l)).toBeLessThan(1);
    for (const stone of [[30, 150, 90], [90, 170, 120]] as [number, number, number][]) {
      expect(Math.abs(toLch(transform('yellow', stone)).h - toLch(stone).h)).toBeLessThan(1);
    }
    // Near-white (a diamond's facet, chroma about 2) stays; a pale aqua (hue 175°) is barely touched.
    const white = toLch(transform('yellow', [236, 240, 236]));
    expect(Math.abs(white.h - toLch([236, 240, 236]).h) * toLch([236, 240, 236]).c).toBeLessThan(2);
    const aqua: [number, number, number] = [214, 240, 234];
    expect(Math.abs(toLch(transform('yellow', aqua)).h - toLch(aqua).h)).toBeLessThan(5);
    // From pale to saturated green at hue ~150°, neighbouring colours stay neighbours (no band where the pull stops).
    let previous: Float64Array | null = null;
    let largestStep = 0;
    for (let c = 6; c <= 22; c += 0.5) {
      const h = (150 * Math.PI) / 180;
      const linear = new Float64Array(3);
      writeLabAsLinearRgb(85, c * Math.cos(h), c * Math.sin(h), linear);
      const rgb = [0, 1, 2].map((k) => encodeLinearToSrgb(linear[k])) as [number, number, number];
      const out = transform('yellow', rgb);
      if (previous) {
        const [l1, a1, b1] = convertSrgbToLab(Math.round(previous[0]), Math.round(previous[1]), Math.round(previous[2]));
        const [l2, a2, b2] = convertSrgbToLab(Math.round(out[0]), Math.round(out[1]), Math.round(out[2]));
        largestStep = Math.max(largestStep, Math.hypot(l2 - l1, a2 - a1, b2 - b1));
      }
      previous = out;
    }
    expect(largestStep).toBeLessThan(2.5);
    // Rose gold and mixed pieces are not widened: their pale greenish pixels are white metal or stones.
    expect(Math.abs(toLch(transform('rose', [233, 242, 226])).h - mint.h)).toBeLessThan(1);
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

/** A generated piece: its photo and mask, and which pixels are surely metal and surely pearl (not their edges). */
interface PearlScene {
  image: RgbaImage;
  mask: Mask;
  isMetal: Uint8Array;
  isPearl: Uint8Array;
}

/** The cream pearl's body colour (CIELAB) at full light. */
const pearlLab = { l: 85, a: 1, b: 9 };

/**
 * A neutral silver ring seen at an angle (an elliptical band with sharp specular streaks, dark reflections and
 * a brushed grain) with a cream pearl set on top of it (a smooth sphere lit from the top left: its L* shaded,
 * its a* b* the body colour, a soft neutral highlight). `hasRing` false leaves the pearl alone.
 */
function renderPearlOnRing(hasRing = true, width = 320, height = 240): PearlScene {
  const layer = createPieceLayer(width, height);
  const cx = width / 2;
  const cy = height * 0.62;
  const rx = width * 0.3;
  const ry = height * 0.16;
  if (hasRing) {
    paintShapeInPlace(layer, { x0: cx - rx - 2, y0: cy - ry - 2, x1: cx + rx + 2, y1: cy + ry + 2 }, (x, y, color) => {
      const outer = measureEllipseDistance(x, y, cx, cy, rx, ry);
      const inner = measureEllipseDistance(x, y, cx, cy, rx * 0.78, ry * 0.62);
      const coverage = computeEdgeCoverage(Math.max(outer, -inner));
      if (coverage <= 0) return 0;
      const angle = Math.atan2((y - cy) / ry, (x - cx) / rx);
      const streaks = 0.45 * computeBump(angle, -2.3, 0.12) + 0.45 * computeBump(angle, 0.9, 0.08) - 0.25 * computeBump(angle, 2.2, 0.3);
      const t = 0.55 + streaks + 0.2 * Math.sin(angle * 3) + (sampleValueNoise(x / 1.5, y / 8, 3) - 0.5) * 0.08;
      color.r = color.g = color.b = 40 + 215 * Math.min(1, Math.max(0, t));
      return coverage;
    });
  }
  const radius = height * 0.2;
  const px = cx;
  const py = cy - ry - radius * 0.55;
  const linear = new Float64Array(3);
  paintShapeInPlace(layer, { x0: px - radius - 2, y0: py - radius - 2, x1: px + radius + 2, y1: py + radius + 2 }, (x, y, color) => {
    const coverage = computeEdgeCoverage(Math.hypot(x - px, y - py) - radius);
    if (coverage <= 0) return 0;
    const nx = (x - px) / radius;
    const ny = (y - py) / radius;
    const nz = Math.sqrt(Math.max(0, 1 - nx * nx - ny * ny));
    const diffuse = Math.max(0, -0.4 * nx - 0.5 * ny + 0.77 * nz);
    const highlight = 0.9 * Math.pow(Math.max(0, -0.25 * nx - 0.3 * ny + 0.92 * nz), 60);
    const l = pearlLab.l - 23 + 28 * diffuse;
    writeLabAsLinearRgb(l + (97 - l) * highlight, pearlLab.a * (1 - highlight), pearlLab.b * (1 - highlight), linear);
    color.r = encodeLinearToSrgb(linear[0]);
    color.g = encodeLinearToSrgb(linear[1]);
    color.b = encodeLinearToSrgb(linear[2]);
    return coverage;
  });
  const isMetal = new Uint8Array(width * height);
  const isPearl = new Uint8Array(width * height);
  for (let k = 0; k < width * height; k++) {
    const distance = Math.hypot((k % width) + 0.5 - px, Math.floor(k / width) + 0.5 - py) - radius;
    isPearl[k] = distance < -1.5 ? 1 : 0;
    isMetal[k] = distance > 1.5 && layer.data[k * 4 + 3] === 255 ? 1 : 0;
  }
  const { image, mask } = compositeScene(layer, null, { kind: 'studio', rgb: [236, 236, 236], seed: 3 });
  return { image, mask, isMetal, isPearl };
}

/** Mean a* and b* of `image` over the pixels where `region` is 1. */
function measureMeanAb(image: RgbaImage, region: Uint8Array): { a: number; b: number } {
  const lab = new Float64Array(3);
  let a = 0;
  let b = 0;
  let count = 0;
  for (let k = 0; k < region.length; k++) {
    if (!region[k]) continue;
    writeSrgbAsLab(image.data[k * 4], image.data[k * 4 + 1], image.data[k * 4 + 2], lab);
    a += lab[1];
    b += lab[2];
    count++;
  }
  return { a: a / count, b: b / count };
}

/** Tones `image` as white metal the way the metal stage does (a colour table, on the piece), the cast measured or not. */
function toneWhiteMetal(image: RgbaImage, mask: Mask, isCastMeasured = true): RgbaImage {
  const cast = isCastMeasured ? estimateWhiteMetalCast(image, mask) : undefined;
  const toned = copyImage(image);
  applyColorLut3dInPlace(toned, buildColorLut3d(createMetalToneTransform('white', 1, 80, undefined, cast)), mask);
  return toned;
}

/** A mild warm light seen through daylight white balance. */
const mildWarmCast = [1, 0.97, 0.92] as const;

describe('white metal toning with a measured cast (pearls and pale stones)', () => {
  const scene = renderPearlOnRing();
  const uncastPearl = measureMeanAb(scene.image, scene.isPearl);

  it("measures the metal's cast, not the pearl's cream", () => {
    const neutral = estimateWhiteMetalCast(scene.image, scene.mask);
    expect(neutral).not.toBeNull();
    expect(Math.hypot(neutral!.a, neutral!.b)).toBeLessThan(0.5);
    const cast = applyCast(scene.image, mildWarmCast);
    const metal = measureMeanAb(cast, scene.isMetal);
    const warm = estimateWhiteMetalCast(cast, scene.mask)!;
    // Measured: the metal's mean b* is 4.6 under the cast, the estimate 5.3 (its textured mid-tones, where a cast shows most).
    expect(Math.abs(warm.b - metal.b)).toBeLessThan(1);
    expect(Math.abs(warm.a - metal.a)).toBeLessThan(1);
  });

  it('neutralises the metal under a mild warm cast and keeps the pearl cream', () => {
    const cast = applyCast(scene.image, mildWarmCast);
    expect(measureMeanAb(cast, scene.isMetal).b).toBeGreaterThan(3.5);
    const toned = toneWhiteMetal(cast, scene.mask);
    // Measured: metal b* 4.6 → 0.4; pearl b* 13.8 → 9.1 (8.8 uncast).
    const metal = measureMeanAb(toned, scene.isMetal);
    const pearl = measureMeanAb(toned, scene.isPearl);
    expect(Math.abs(metal.b)).toBeLessThanOrEqual(2);
    expect(Math.abs(metal.a)).toBeLessThanOrEqual(2);
    expect(Math.abs(pearl.b - uncastPearl.b)).toBeLessThanOrEqual(2);
    expect(Math.abs(pearl.a - uncastPearl.a)).toBeLessThanOrEqual(1.5);
  });

  it("keeps the pearl's colour when the tint is the metal's own (the backdrop around it is neutral)", () => {
    // A cool reflection on the silver only: the light, and so the backdrop and the pearl, are neutral.
    const reflected = copyImage(scene.image);
    for (let k = 0; k < scene.isPearl.length; k++) {
      if (scene.mask.data[k] === 0 || scene.isPearl[k]) continue;
      reflected.data[k * 4] *= 0.94;
      reflected.data[k * 4 + 1] *= 0.98;
    }
    const cast = estimateWhiteMetalCast(reflected, scene.mask)!;
    expect(cast.b).toBeLessThan(-2.5);
    expect(Math.hypot(cast.surround!.a, cast.surround!.b)).toBeLessThan(0.5);
    const toned = toneWhiteMetal(reflected, scene.mask);
    // Measured: metal b* −2.3 → −0.7; pearl b* 8.76 → 8.75 (uncast 8.76; taking the metal's cast off the pearl too gave 11.4).
    expect(Math.abs(measureMeanAb(toned, scene.isMetal).b)).toBeLessThanOrEqual(1.5);
    const pearl = measureMeanAb(toned, scene.isPearl);
    expect(Math.abs(pearl.b - uncastPearl.b)).toBeLessThanOrEqual(1);
    expect(Math.abs(pearl.a - uncastPearl.a)).toBeLessThanOrEqual(1);
  });

  it('keeps the pearl its colour on a coloured backdrop too (denim says nothing about the light)', () => {
    // The same cool reflection on the silver, the piece now lying on denim: the surround is blue, not neutral.
    const onDenim = copyImage(scene.image);
    for (let k = 0; k < scene.isPearl.length; k++) {
      if (scene.mask.data[k] === 0) onDenim.data.set([70, 95, 140], k * 4);
      else if (!scene.isPearl[k]) {
        onDenim.data[k * 4] *= 0.94;
        onDenim.data[k * 4 + 1] *= 0.98;
      }
    }
    const cast = estimateWhiteMetalCast(onDenim, scene.mask)!;
    expect(cast.surround!.b).toBeLessThan(-20);
    const pearl = measureMeanAb(toneWhiteMetal(onDenim, scene.mask), scene.isPearl);
    // Measured: pearl b* 8.76 (taking the metal's cast off it too, as a projection of the blue surround asked, gave 11.4).
    expect(Math.abs(pearl.b - uncastPearl.b)).toBeLessThanOrEqual(1);
  });

  it('leaves the pearl its colour on a neutral silver piece', () => {
    const toned = toneWhiteMetal(scene.image, scene.mask);
    const pearl = measureMeanAb(toned, scene.isPearl);
    expect(Math.abs(pearl.b - uncastPearl.b)).toBeLessThan(0.5);
    expect(Math.abs(pearl.a - uncastPearl.a)).toBeLessThan(0.5);
    expect(Math.hypot(...Object.values(measureMeanAb(toned, scene.isMetal)))).toBeLessThan(0.5);
  });

  it('greys the pearl without a measured cast (the colour-only squash this replaces)', () => {
    // Measured: b* 8.8 → 2.8.
    const pearl = measureMeanAb(toneWhiteMetal(scene.image, scene.mask, false), scene.isPearl);
    expect(pearl.b).toBeLessThan(uncastPearl.b * 0.5);
  });

  it('finds no metal on a lone pearl, and then leaves it cream', () => {
    const pearlAlone = renderPearlOnRing(false);
    expect(estimateWhiteMetalCast(pearlAlone.image, pearlAlone.mask)).toBeNull();
    const before = measureMeanAb(pearlAlone.image, pearlAlone.isPearl);
    const after = measureMeanAb(toneWhiteMetal(pearlAlone.image, pearlAlone.mask), pearlAlone.isPearl);
    expect(Math.abs(after.b - before.b)).toBeLessThan(0.5);
  });

  it('subtracts a light\'s cast (no backdrop seen) from near-neutral and pale colours alike, and leaves a clearly coloured stone', () => {
    const cast = { a: 0, b: 5, lightness: 70, evidenceShare: 0.5, surround: null };
    const transform = createMetalToneTransform('white', 1, 80, undefined, cast);
    const out = new Float64Array(3);
    const toLab = (rgb: Float64Array) => convertSrgbToLab(Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2]));
    const tinted = new Float64Array(3);
    writeLabAsLinearRgb(70, 0, 5, tinted);
    transform(encodeLinearToSrgb(tinted[0]), encodeLinearToSrgb(tinted[1]), encodeLinearToSrgb(tinted[2]), out);
    expect(Math.hypot(toLab(out)[1], toLab(out)[2])).toBeLessThan(1);
    const cream = new Float64Array(3);
    writeLabAsLinearRgb(70, 1, 14, cream);
    transform(encodeLinearToSrgb(cream[0]), encodeLinearToSrgb(cream[1]), encodeLinearToSrgb(cream[2]), out);
    // 85 % of the cast removed: b* 14 → about 9.75.
    expect(toLab(out)[2]).toBeGreaterThan(8.5);
    expect(toLab(out)[2]).toBeLessThan(11);
    const sapphire = toLch([40, 60, 170]);
    transform(40, 60, 170, out);
    expect(Math.abs(toLch(out).c - sapphire.c)).toBeLessThan(1);
    expect(Math.abs(toLch(out).h - sapphire.h)).toBeLessThan(1);
  });

  it('takes the cast off pale colours only as far as the backdrop around shows it, and off the metal fully', () => {
    const toLab = (rgb: Float64Array) => convertSrgbToLab(Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2]));
    const toneLab = (surround: { a: number; b: number } | null, lab: [number, number, number]) => {
      const transform = createMetalToneTransform('white', 1, 80, undefined, { a: 0, b: 5, lightness: 70, evidenceShare: 0.5, surround });
      const linear = new Float64Array(3);
      writeLabAsLinearRgb(lab[0], lab[1], lab[2], linear);
      const out = new Float64Array(3);
      transform(encodeLinearToSrgb(linear[0]), encodeLinearToSrgb(linear[1]), encodeLinearToSrgb(linear[2]), out);
      return toLab(out);
    };
    // The metal itself (near the cast's colour) is neutralised whatever the backdrop shows.
    for (const surround of [null, { a: 0, b: 0 }, { a: 0, b: 2.5 }]) expect(Math.abs(toneLab(surround, [70, 0, 5])[2])).toBeLessThan(1);
    // A cream colour: b* 14 keeps its b* on a neutral backdrop, loses half the cast when the backdrop shows half of it.
    expect(Math.abs(toneLab({ a: 0, b: 0 }, [70, 1, 14])[2] - 14)).toBeLessThan(0.6);
    expect(Math.abs(toneLab({ a: 0, b: -3 }, [70, 1, 14])[2] - 14)).toBeLessThan(0.6);
    const half = toneLab({ a: 0, b: 2.5 }, [70, 1, 14])[2];
    expect(half).toBeGreaterThan(11.3);
    expect(half).toBeLessThan(12.6);
  });

  it('fades the removal out gently: pale colours just beyond the metal\'s are not stretched apart', () => {
    const transform = createMetalToneTransform('white', 1, 80, undefined, { a: 0, b: 5, lightness: 70, evidenceShare: 0.5, surround: { a: 0, b: 0 } });
    const linear = new Float64Array(3);
    const out = new Float64Array(3);
    const toneB = (b: number): number => {
      writeLabAsLinearRgb(70, 0, b, linear);
      transform(encodeLinearToSrgb(linear[0]), encodeLinearToSrgb(linear[1]), encodeLinearToSrgb(linear[2]), out);
      return convertSrgbToLab(Math.round(out[0]), Math.round(out[1]), Math.round(out[2]))[2];
    };
    // Beyond the faint residue that is squashed (output b* above 4.5), one b* in gives at most 2.5 out; a fade
    // over only 3 b* (the removal of 4.25 fading out over it) gave 3.1.
    for (let b = 6; b < 16; b++) {
      if (toneB(b) < 4.5) continue;
      expect(toneB(b + 1) - toneB(b)).toBeLessThanOrEqual(2.5);
      expect(toneB(b + 1)).toBeGreaterThanOrEqual(toneB(b));
    }
  });
});
