import { describe, expect, it } from 'vitest';
import { applyCast, tungstenCast } from '../../tests/support/color-cast';
import { decodeSrgbToLinear, encodeLinearToSrgb } from './color-transfer';
import { createMask, type Mask, type RgbaImage } from './image';
import { computeCastGains, computeTint, defaultCastPriors, estimateCast, measureLogChroma, measureNeutralEvidence } from './illuminant';

type Rgb = [number, number, number];

/**
 * A 96×96 photo: a backdrop of `backdrop` (lightly shaded top to bottom) around a 48×48 piece whose pixels are
 * `metal` (the colour of its brightest reflection) at shading levels 0.15..1 in linear light, as a polished
 * surface shows. The mask is the piece exactly; `isPieceEverywhere` makes the whole frame the piece.
 */
function renderPatchPhoto(backdrop: Rgb, metal: Rgb, isPieceEverywhere = false): { image: RgbaImage; mask: Mask } {
  const size = 96;
  const data = new Uint8ClampedArray(size * size * 4);
  const mask = createMask(size, size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const isPiece = isPieceEverywhere || (x >= 24 && x < 72 && y >= 24 && y < 72);
      const shade = isPiece ? 0.15 + 0.85 * (((x * 7 + y * 13) % 48) / 47) : 0.85 + 0.15 * (y / size);
      const rgb = isPiece ? metal : backdrop;
      for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(encodeLinearToSrgb(decodeSrgbToLinear(rgb[c]) * shade));
      data[i * 4 + 3] = 255;
      mask.data[i] = isPiece ? 255 : 0;
    }
  }
  return { image: { width: size, height: size, data }, mask };
}

/**
 * A 96×96 busy scene: the top quarter a plain wall of `wall`, the rest wood whose grain swings between browns of several
 * hues, and on it a 32×32 piece of `metal` (shaded as in renderPatchPhoto).
 */
function renderBusyScene(wall: Rgb, metal: Rgb): { image: RgbaImage; mask: Mask } {
  const size = 96;
  const woods: Rgb[] = [[200, 165, 120], [170, 130, 90], [215, 190, 150], [150, 118, 100]];
  const data = new Uint8ClampedArray(size * size * 4);
  const mask = createMask(size, size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = y * size + x;
      const isPiece = x >= 32 && x < 64 && y >= 48 && y < 80;
      const rgb = isPiece ? metal : y < size / 4 ? wall : woods[(x * 3 + y * 5 + ((x * y) % 7)) % woods.length];
      const shade = isPiece ? 0.15 + 0.85 * (((x * 7 + y * 13) % 32) / 31) : 1;
      for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(encodeLinearToSrgb(decodeSrgbToLinear(rgb[c]) * shade));
      data[i * 4 + 3] = 255;
      mask.data[i] = isPiece ? 255 : 0;
    }
  }
  return { image: { width: size, height: size, data }, mask };
}

const grey: Rgb = [225, 225, 225];
const linen: Rgb = [222, 214, 200];
const silver: Rgb = [236, 237, 240];
const gold: Rgb = [244, 210, 120];
const rose: Rgb = [240, 180, 160];
const pinkPaper: Rgb = [240, 200, 210];

function estimate(photo: { image: RgbaImage; mask: Mask }) {
  return estimateCast(measureNeutralEvidence(photo.image, photo.mask));
}

describe('log chroma', () => {
  it('is zero for greys and adds up under a cast', () => {
    expect(measureLogChroma(128, 128, 128)).toEqual({ warm: 0, green: 0 });
    const warm = measureLogChroma(255, 200, 150);
    expect(warm.warm).toBeGreaterThan(0.4);
    expect(computeTint({ warm: 0, green: 0.1 })).toBeCloseTo(0.1, 9);
  });
});

describe('measureNeutralEvidence', () => {
  it('reads the backdrop and the piece highlights apart', () => {
    const photo = renderPatchPhoto(linen, gold);
    const evidence = measureNeutralEvidence(photo.image, photo.mask);
    expect(evidence.backdrop!.warm).toBeCloseTo(measureLogChroma(...linen).warm, 1);
    expect(evidence.highlights!.warm).toBeGreaterThan(0.3);
    expect(evidence.backdrop!.spread).toBeLessThan(0.02);
  });

  it('ignores clipped highlights and reports no backdrop when the piece fills the frame', () => {
    const photo = renderPatchPhoto(grey, [255, 255, 255], true);
    const evidence = measureNeutralEvidence(photo.image, photo.mask);
    expect(evidence.backdrop).toBeNull();
    for (let p = 0; p < photo.image.data.length; p += 4) if (photo.image.data[p] >= 250) expect(photo.image.data[p + 2]).toBeGreaterThanOrEqual(250);
    expect(evidence.highlights).not.toBeNull();
  });

  it('refuses a mask of another size', () => {
    const photo = renderPatchPhoto(grey, silver);
    expect(() => measureNeutralEvidence(photo.image, createMask(10, 10))).toThrow(RangeError);
  });
});

describe('estimateCast', () => {
  it('finds no cast in a neutral scene', () => {
    const cast = estimate(renderPatchPhoto(grey, silver));
    expect(Math.abs(cast.warm)).toBeLessThan(0.02);
    expect(Math.abs(cast.green)).toBeLessThan(0.02);
  });

  it('finds a tungsten cast shown by both backdrop and silver, and its gains neutralise the backdrop', () => {
    const photo = renderPatchPhoto(grey, silver);
    const cast = { ...photo, image: applyCast(photo.image, tungstenCast) };
    const estimated = estimate(cast);
    const truth = measureLogChroma(...(tungstenCast.map((g) => Math.round(225 * g)) as Rgb));
    expect(estimated.warm).toBeCloseTo(truth.warm, 1);
    const gains = computeCastGains(estimated);
    const backdrop = [0, 1, 2].map((c) => encodeLinearToSrgb(decodeSrgbToLinear(cast.image.data[c]) * gains[c]));
    expect(Math.max(...backdrop) - Math.min(...backdrop)).toBeLessThan(4);
  });

  it('does not take gold on a grey card for a cast', () => {
    expect(Math.abs(estimate(renderPatchPhoto(grey, gold)).warm)).toBeLessThan(0.03);
  });

  it('does not take warm linen under a silver piece for a cast', () => {
    expect(Math.abs(estimate(renderPatchPhoto(linen, silver)).warm)).toBeLessThan(0.03);
  });

  it('finds the cast from the backdrop when the piece is gold', () => {
    const photo = renderPatchPhoto(grey, gold);
    const truth = measureLogChroma(...(tungstenCast.map((g) => Math.round(225 * g)) as Rgb));
    expect(estimate({ ...photo, image: applyCast(photo.image, tungstenCast) }).warm).toBeCloseTo(truth.warm, 1);
  });

  it('reads the light from the plain wall behind a busy scene, so pale gold on wood stays gold', () => {
    const paleGold: Rgb = [240, 226, 190];
    const photo = renderBusyScene([232, 234, 238], paleGold);
    const evidence = measureNeutralEvidence(photo.image, photo.mask);
    expect(evidence.backdrop!.spread).toBeGreaterThan(defaultCastPriors.backdropSpread[1]);
    expect(evidence.brightBackdrop!.warm).toBeCloseTo(measureLogChroma(232, 234, 238).warm, 2);
    // Without the wall the piece alone speaks, and pale gold reads as silver under warm light.
    expect(estimateCast({ ...evidence, brightBackdrop: null }).warm).toBeGreaterThan(0.08);
    expect(Math.abs(estimateCast(evidence).warm)).toBeLessThan(0.06);
    // Under tungsten the wall shows the cast, and nearly all of it is found (the piece alone may ask for 0.12).
    const truth = measureLogChroma(...(tungstenCast.map((g) => Math.round(235 * g)) as Rgb));
    const underTungsten = applyCast(photo.image, tungstenCast);
    expect(estimate({ ...photo, image: underTungsten }).warm).toBeGreaterThan(truth.warm - 0.08);
    // A blue sky above the wood is not read as a white wall in shade (that would warm the photo).
    const sky = renderBusyScene([168, 198, 240], paleGold);
    const skyEvidence = measureNeutralEvidence(sky.image, sky.mask);
    expect(skyEvidence.brightBackdrop!.warm).toBeLessThan(-0.15);
    expect(estimateCast(skyEvidence)).toEqual(estimateCast({ ...skyEvidence, brightBackdrop: null }));
    // A blown part of the wall (a window) shows no colour: the light is read from the rest.
    for (let y = 0; y < 24; y++) underTungsten.data.fill(255, y * 96 * 4, (y * 96 + 64) * 4);
    expect(estimate({ ...photo, image: underTungsten }).warm).toBeGreaterThan(truth.warm - 0.08);
  });

  it('keeps a correction small when only the piece speaks (gold filling the frame)', () => {
    const cast = estimate(renderPatchPhoto(grey, gold, true));
    expect(Math.abs(cast.warm)).toBeLessThanOrEqual(defaultCastPriors.unconfirmedWarm + 1e-9);
  });

  it('does not turn rose gold on pink paper green', () => {
    const cast = estimate(renderPatchPhoto(pinkPaper, rose));
    expect(Math.abs(computeTint(cast))).toBeLessThan(0.03);
    expect(Math.abs(cast.warm)).toBeLessThan(0.06);
  });
});

describe('computeCastGains', () => {
  it('inverts the cast with the smallest gain at 1, and is the identity at strength 0', () => {
    const gains = computeCastGains({ warm: 0.4, green: 0.1 });
    expect(Math.min(...gains)).toBeCloseTo(1, 12);
    expect(gains[2]).toBeGreaterThan(gains[0]);
    expect(computeCastGains({ warm: 0.4, green: 0.1 }, 0)).toEqual([1, 1, 1]);
  });
});
