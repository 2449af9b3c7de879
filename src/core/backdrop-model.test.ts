import { describe, expect, it } from 'vitest';
import { fitBackdropModel, renderBackdropField, sampleBackdropColour, summarizeBackdrop } from './backdrop-model';
import { createBinaryPlaneWhere } from './binary-morphology';
import { createFloatPlane, type FloatPlane } from './float-plane';

/** A 96×64 working image: a horizontal gradient 200 → 220 (grey), optional texture (diagonal stripes 8 px apart, like a weave or grain), a dark square "piece" in the middle. */
function renderBackdrop(textureLevels: number): { image: FloatPlane; mask: FloatPlane } {
  const image = createFloatPlane(96, 64, 3);
  const mask = createFloatPlane(96, 64, 1);
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 96; x++) {
      const k = y * 96 + x;
      const isPiece = x >= 40 && x < 56 && y >= 24 && y < 40;
      const texture = textureLevels * (Math.floor((x + 2 * y) / 4) % 2 ? 1 : -1);
      const level = isPiece ? 60 : 200 + (20 * x) / 95 + texture;
      image.data.fill(level, k * 3, k * 3 + 3);
      mask.data[k] = isPiece ? 255 : 0;
    }
  }
  return { image, mask };
}

describe('fitBackdropModel', () => {
  it('follows a gradient backdrop and carries it under the piece', () => {
    const { image, mask } = renderBackdrop(0);
    const model = fitBackdropModel(image, mask)!;
    expect(model.gridWidth).toBe(6);
    const rgb = [0, 0, 0];
    sampleBackdropColour(model, 48, 32, rgb);
    // Under the piece the model is interpolated from its neighbours: about the gradient's value there (210).
    expect(Math.abs(rgb[0] - 210)).toBeLessThan(3);
    sampleBackdropColour(model, 8, 8, rgb);
    expect(Math.abs(rgb[1] - (200 + (20 * 8) / 95))).toBeLessThan(2);
    const field = renderBackdropField(model, { x: 40, y: 24, width: 16, height: 16 });
    expect([field.width, field.height]).toEqual([16, 16]);
    expect(Math.abs(field.data[0] - 208)).toBeLessThan(3);
  });

  it('reports a plain backdrop as uniform and light, a textured one as varied', () => {
    const everywhere = createBinaryPlaneWhere(96, 64, () => true);
    const plain = renderBackdrop(0);
    const textured = renderBackdrop(12);
    const plainSummary = summarizeBackdrop(fitBackdropModel(plain.image, plain.mask)!, everywhere)!;
    const texturedSummary = summarizeBackdrop(fitBackdropModel(textured.image, textured.mask)!, everywhere)!;
    expect(plainSummary.deviation).toBeLessThan(1);
    expect(plainSummary.luma).toBeGreaterThan(200);
    expect(texturedSummary.deviation).toBeGreaterThan(2);
  });

  it('returns null when nothing is background', () => {
    const { image } = renderBackdrop(0);
    const mask = createFloatPlane(96, 64, 1);
    mask.data.fill(255);
    expect(fitBackdropModel(image, mask)).toBeNull();
  });

  it('with shadowRatio, fills shadow cells from lit backdrop', () => {
    const { image, mask } = renderBackdrop(0);
    // A dark shadow filling the cells right of the piece.
    for (let y = 16; y < 48; y++) for (let x = 64; x < 80; x++) image.data.fill(120, (y * 96 + x) * 3, (y * 96 + x) * 3 + 3);
    const rgb = [0, 0, 0];
    sampleBackdropColour(fitBackdropModel(image, mask)!, 72, 32, rgb);
    expect(rgb[0]).toBeLessThan(125);
    sampleBackdropColour(fitBackdropModel(image, mask, { shadowRatio: 0.9 })!, 72, 32, rgb);
    expect(rgb[0]).toBeGreaterThan(205);
  });
});
