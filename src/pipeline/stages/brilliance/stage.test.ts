import { describe, expect, it } from 'vitest';
import { copyImage } from '../../../../tests/support/color-cast';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene } from '../../../../tests/support/images';
import { measurePieceStatistics } from '../../../quality/batch-consistency';
import { tone } from '../tone/stage';
import { brilliance } from './stage';

const source = new Blob([], { type: 'image/jpeg' });

async function runBrilliance(strength: number, metal: 'silver' | 'gold') {
  const scene = renderRingScene({ widthPx: 480, heightPx: 360, metal, seed: 11, hasStone: true });
  const ctx = createFakeStageContext();
  const look = { ...ctx.look, strengths: { ...ctx.look.strengths, brilliance: strength } };
  const state = await brilliance.run({ source, image: copyImage(scene.image), mask: scene.mask }, brilliance.defaults, { ...ctx, look });
  return { scene, image: state.image! };
}

describe('brilliance stage', () => {
  it("keeps the highlights where the tone stage put them, whatever the look's highlight target (p95 L* within 0.3)", async () => {
    for (const metal of ['silver', 'gold'] as const) {
      const scene = renderRingScene({ widthPx: 480, heightPx: 360, metal, seed: 5, hasStone: true });
      for (const highlightL of [80, 90, 96]) {
        const ctx = createFakeStageContext();
        const look = { ...ctx.look, tone: { ...ctx.look.tone, highlightL } };
        const toned = await tone.run({ source, image: copyImage(scene.image), mask: scene.mask }, tone.defaults, { ...ctx, look });
        const before = measurePieceStatistics(toned.image!, scene.mask)!;
        const after = await brilliance.run({ ...toned, image: copyImage(toned.image!) }, brilliance.defaults, { ...ctx, look });
        const changed = after.image!.data.some((v, i) => v !== toned.image!.data[i]);
        expect(changed, `${metal} at L* ${highlightL}`).toBe(true);
        expect(Math.abs(measurePieceStatistics(after.image!, scene.mask)!.p95L - before.p95L), `${metal} at L* ${highlightL}`).toBeLessThan(0.3);
      }
    }
  });

  it('strength 0 changes nothing', async () => {
    const { scene, image } = await runBrilliance(0, 'silver');
    expect(image.data).toEqual(scene.image.data);
  });

  it("changes only the piece, keeps its highlights (p95 L* within 0.5) and a gold ring's hue (within 2°)", async () => {
    const { scene, image } = await runBrilliance(1, 'gold');
    let changed = 0;
    for (let i = 0; i < scene.mask.data.length; i++) {
      const isChanged = [0, 1, 2].some((c) => image.data[i * 4 + c] !== scene.image.data[i * 4 + c]);
      if (scene.mask.data[i] === 0) expect(isChanged).toBe(false);
      else if (isChanged) changed++;
    }
    expect(changed).toBeGreaterThan(500);
    const before = measurePieceStatistics(scene.image, scene.mask)!;
    const after = measurePieceStatistics(image, scene.mask)!;
    expect(Math.abs(after.p95L - before.p95L)).toBeLessThan(0.5);
    const hueOf = (s: { meanA: number; meanB: number }) => (Math.atan2(s.meanB, s.meanA) * 180) / Math.PI;
    expect(Math.abs(hueOf(after) - hueOf(before))).toBeLessThan(2);
  });
});
