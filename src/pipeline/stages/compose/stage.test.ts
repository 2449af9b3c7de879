import { beforeAll, describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene, type Scene } from '../../../../tests/support/images';
import { createImage, createMask } from '../../../core/image';
import { computeMaskBoundingBox } from '../../../core/mask-ops';
import { whiteCatalogLook, type Look } from '../../look';
import { frame } from '../frame/stage';
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

  it('frames what is visible: a faint dark haze counts, a white wire on white does not (fill 85 % ± 1, centred ± 4 px)', async () => {
    const image = { ...ring.image, data: ring.image.data.slice() };
    const mask = { ...ring.mask, data: ring.mask.data.slice() };
    const box = computeMaskBoundingBox(mask)!;
    const paint = (x0: number, x1: number, y0: number, y1: number, rgb: number[], alpha: number) => {
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          image.data.set(rgb, (y * image.width + x) * 4);
          mask.data[y * image.width + x] = alpha;
        }
      }
    };
    const midY = box.y + (box.height >> 1);
    // Haze to the right: a dark patch at alpha 70 (visible on white). Wire to the left: opaque but white.
    paint(box.x + box.width, Math.min(image.width, box.x + box.width + 60), midY - 20, midY + 20, [40, 40, 40], 70);
    paint(Math.max(0, box.x - 80), box.x, midY - 1, midY + 1, [254, 254, 254], 255);
    const framed = await frame.run({ source, image, mask }, frame.defaults, createFakeStageContext());
    const state = await compose.run(framed, compose.defaults, createFakeStageContext());
    const seen = findNonWhiteBox(state.output!, 10)!;
    expect(Math.abs(Math.max(seen.width, seen.height) / 2000 - 0.85)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(seen.x + seen.width / 2 - 1000)).toBeLessThanOrEqual(4);
    expect(Math.abs(seen.y + seen.height / 2 - 1000)).toBeLessThanOrEqual(4);
  });

  it('centres what is seen on the side that does not limit the fill (a wide bar with a faint haze below it)', async () => {
    const image = createImage(800, 600, [120, 160, 120, 255]);
    const mask = createMask(800, 600);
    for (let y = 250; y < 350; y++) {
      for (let x = 200; x < 600; x++) {
        const isHaze = y >= 300;
        image.data.set(isHaze ? [60, 60, 60] : [150, 110, 40], (y * 800 + x) * 4);
        mask.data[y * 800 + x] = isHaze ? 70 : 255;
      }
    }
    const framed = await frame.run({ source, image, mask }, frame.defaults, createFakeStageContext());
    const state = await compose.run(framed, compose.defaults, createFakeStageContext());
    const seen = findNonWhiteBox(state.output!, 10)!;
    expect(Math.abs(Math.max(seen.width, seen.height) / 2000 - 0.85)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(seen.y + seen.height / 2 - 1000)).toBeLessThanOrEqual(4);
  });

  it('fails with empty-mask when the mask is empty', async () => {
    await expect(compose.run({ source, image: ring.image, mask: createMask(800, 600) }, compose.defaults, createFakeStageContext())).rejects.toMatchObject({
      code: 'empty-mask',
    });
  });
});
