import { beforeAll, describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene, type Scene } from '../../../../tests/support/images';
import { createMask } from '../../../core/image';
import { whiteCatalogLook, type Look } from '../../look';
import { compose } from './stage';
import { findNonWhiteBox } from '../../../../tests/support/non-white-box';

const source = new Blob([], { type: 'image/jpeg' });

describe('compose stage', () => {
  let ring: Scene;
  beforeAll(() => {
    // Gold reads clearly against white, so the piece's box can be found in the output pixels.
    ring = renderRingScene({ widthPx: 800, heightPx: 600, seed: 3, metal: 'gold', backdrop: 'paper', backdropRgb: [90, 170, 90], centerX: 0.4 });
  });

  it('renders the default look: 2000×2000, corners exactly white, piece filling 85 % ± 1 point, centred ± 2 px', async () => {
    const state = await compose.run({ source, image: ring.image, mask: ring.mask }, compose.defaults, createFakeStageContext());
    const output = state.output!;
    expect([output.width, output.height]).toEqual([2000, 2000]);
    for (const p of [0, 1999, 1999 * 2000, 2000 * 2000 - 1]) expect(Array.from(output.data.subarray(p * 4, p * 4 + 4))).toEqual([255, 255, 255, 255]);
    const box = findNonWhiteBox(output, 24)!;
    expect(Math.abs(Math.max(box.width, box.height) / 2000 - 0.85)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(box.x + box.width / 2 - 1000)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.y + box.height / 2 - 1000)).toBeLessThanOrEqual(2);
  });

  it("follows a smaller look's size, background, fill and anchor", async () => {
    const look: Look = {
      ...whiteCatalogLook,
      output: { ...whiteCatalogLook.output, widthPx: 500, heightPx: 400 },
      background: { kind: 'solid', rgb: [250, 250, 250] },
      framing: { fill: 0.6, anchorX: 0.5, anchorY: 0.45, margin: 0 },
    };
    const state = await compose.run({ source, image: ring.image, mask: ring.mask }, compose.defaults, createFakeStageContext({ look }));
    const output = state.output!;
    expect([output.width, output.height]).toEqual([500, 400]);
    expect(Array.from(output.data.subarray(0, 4))).toEqual([250, 250, 250, 255]);
    const box = findNonWhiteBox(output, 30)!;
    expect(Math.max(box.width / 500, box.height / 400)).toBeLessThanOrEqual(0.61);
    expect(Math.abs(box.y + box.height / 2 - 180)).toBeLessThanOrEqual(2);
  });

  it('leaves no green from the old backdrop in the output (green cast ≤ 6 of 255 on every pixel)', async () => {
    const look: Look = { ...whiteCatalogLook, output: { ...whiteCatalogLook.output, widthPx: 600, heightPx: 600 } };
    const state = await compose.run({ source, image: ring.image, mask: ring.mask }, compose.defaults, createFakeStageContext({ look }));
    const data = state.output!.data;
    let worst = 0;
    // Gold has a warm cast of its own (green below red), so green above the red-blue mean means backdrop.
    for (let i = 0; i < data.length; i += 4) worst = Math.max(worst, data[i + 1] - Math.max(data[i], data[i + 2]));
    expect(worst).toBeLessThanOrEqual(6);
  });

  it('fails with empty-mask when the mask is empty', async () => {
    await expect(compose.run({ source, image: ring.image, mask: createMask(800, 600) }, compose.defaults, createFakeStageContext())).rejects.toMatchObject({
      code: 'empty-mask',
    });
  });
});
