import { beforeAll, describe, expect, it } from 'vitest';
import { applyCast, comparePieces, copyImage, measurePieceColor, shadeCast, tungstenCast } from '../../../../tests/support/color-cast';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene, type Scene } from '../../../../tests/support/images';
import { convertSrgbToLab } from '../../../core/color-difference';
import type { RgbaImage } from '../../../core/image';
import { whiteBalance } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

async function balance(scene: Scene, image: RgbaImage, strength = 1) {
  const ctx = createFakeStageContext();
  const look = { ...ctx.look, strengths: { ...ctx.look.strengths, whiteBalance: strength } };
  return whiteBalance.run({ source, image: copyImage(image), mask: scene.mask }, whiteBalance.defaults, { ...ctx, look });
}

describe('white-balance stage', () => {
  let silverOnGrey: Scene;
  let silverOnLinen: Scene;
  let goldOnGrey: Scene;
  beforeAll(() => {
    const size = { widthPx: 480, heightPx: 360 };
    silverOnGrey = renderRingScene({ ...size, metal: 'silver', backdrop: 'paper', backdropRgb: [226, 226, 228], seed: 3 });
    silverOnLinen = renderRingScene({ ...size, metal: 'silver', seed: 5 });
    goldOnGrey = renderRingScene({ ...size, metal: 'gold', backdrop: 'paper', backdropRgb: [226, 226, 228], seed: 3 });
  });

  it('brings a silver ring under tungsten back within 3 ΔE00 of the uncast render (grey card and warm linen)', async () => {
    for (const scene of [silverOnGrey, silverOnLinen]) {
      const cast = applyCast(scene.image, tungstenCast);
      const before = comparePieces(scene.image, cast, scene.mask).meanDeltaE00;
      const state = await balance(scene, cast);
      const after = comparePieces(scene.image, state.image!, scene.mask).meanDeltaE00;
      // Measured: ΔE00 18.0 → 1.9 on grey card, 17.8 → 1.7 on linen (what remains is mostly brightness: no channel is cut).
      expect(before).toBeGreaterThan(15);
      expect(after).toBeLessThan(3);
    }
  });

  it('removes the blue of open shade', async () => {
    const cast = applyCast(silverOnGrey.image, shadeCast);
    const state = await balance(silverOnGrey, cast);
    // Measured: ΔE00 8.0 → 2.4.
    expect(comparePieces(silverOnGrey.image, state.image!, silverOnGrey.mask).meanDeltaE00).toBeLessThan(3);
    expect(measurePieceColor(state.image!, silverOnGrey.mask).meanB).toBeGreaterThan(measurePieceColor(cast, silverOnGrey.mask).meanB + 5);
  });

  it('does not grey a gold ring, and neutralises its tungsten cast from the backdrop', async () => {
    const reference = measurePieceColor(goldOnGrey.image, goldOnGrey.mask);
    const neutral = await balance(goldOnGrey, goldOnGrey.image);
    // Measured: ΔE00 1.6 (the bluish-white stone reads as a faint cool cast; the gold gets slightly warmer, not greyer).
    expect(comparePieces(goldOnGrey.image, neutral.image!, goldOnGrey.mask).meanDeltaE00).toBeLessThan(2.5);
    expect(measurePieceColor(neutral.image!, goldOnGrey.mask).chroma).toBeGreaterThan(reference.chroma * 0.98);
    const balanced = await balance(goldOnGrey, applyCast(goldOnGrey.image, tungstenCast));
    const color = measurePieceColor(balanced.image!, goldOnGrey.mask);
    expect(Math.abs(color.hueDeg - reference.hueDeg)).toBeLessThan(5);
    expect(color.chroma).toBeGreaterThan(reference.chroma * 0.85);
  });

  it('corrects the whole photo, backdrop included', async () => {
    const cast = applyCast(silverOnGrey.image, tungstenCast);
    const state = await balance(silverOnGrey, cast);
    const corner = (image: RgbaImage) => convertSrgbToLab(image.data[0], image.data[1], image.data[2]);
    expect(Math.abs(corner(state.image!)[2])).toBeLessThan(3);
    expect(corner(cast)[2]).toBeGreaterThan(15);
  });

  it('takes nothing around a piece that runs off the photo for a backdrop: only its highlights speak, for a small correction', async () => {
    // Silver cut by the bottom edge, under tungsten: worn or held, what is around it may be jeans or skin, not card
    // (the corpus's beads on a wrist, with blue jeans read as card in shade, were warmed to b* 12).
    const worn = renderRingScene({ widthPx: 480, heightPx: 360, metal: 'silver', backdrop: 'paper', backdropRgb: [226, 226, 228], seed: 3, pieceSize: 0.9, centerY: 0.95 });
    const cast = applyCast(worn.image, tungstenCast);
    const ctx = createFakeStageContext();
    const run = async (maxEdgeContact: number) =>
      measurePieceColor((await whiteBalance.run({ source, image: copyImage(cast), mask: worn.mask }, { ...whiteBalance.defaults, maxEdgeContact }, ctx)).image!, worn.mask).meanB;
    const [truth, before, highlightsOnly, withBackdrop] = [measurePieceColor(worn.image, worn.mask).meanB, measurePieceColor(cast, worn.mask).meanB, await run(whiteBalance.defaults.maxEdgeContact), await run(1)];
    console.log(`silver running off the photo, tungsten: b* ${truth.toFixed(1)} → cast ${before.toFixed(1)} → ${highlightsOnly.toFixed(1)} (backdrop taken: ${withBackdrop.toFixed(1)})`);
    expect(Math.abs(withBackdrop - truth)).toBeLessThan(3);
    expect(highlightsOnly).toBeLessThan(before - 3);
    expect(highlightsOnly).toBeGreaterThan(withBackdrop + 5);
  });

  it('changes nothing at strength 0', async () => {
    const cast = applyCast(silverOnGrey.image, tungstenCast);
    const state = await balance(silverOnGrey, cast, 0);
    expect(Buffer.compare(Buffer.from(state.image!.data), Buffer.from(cast.data))).toBe(0);
  });

  it('needs the image and the mask, and stops when aborted', async () => {
    const ctx = createFakeStageContext();
    await expect(whiteBalance.run({ source, image: silverOnGrey.image }, whiteBalance.defaults, ctx)).rejects.toMatchObject({ code: 'unknown' });
    const controller = new AbortController();
    controller.abort();
    const aborted = createFakeStageContext({ signal: controller.signal });
    await expect(
      whiteBalance.run({ source, image: copyImage(silverOnGrey.image), mask: silverOnGrey.mask }, whiteBalance.defaults, aborted),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
