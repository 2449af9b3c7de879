import { describe, expect, it } from 'vitest';
import { createFakeStageContext } from '../../../../tests/support/fake-context';
import { renderRingScene } from '../../../../tests/support/images';
import { createMask } from '../../../core/image';
import { checkPackshot } from './stage';

const source = new Blob([], { type: 'image/jpeg' });
const run = (mask: ReturnType<typeof createMask>) => checkPackshot.run({ source, mask }, checkPackshot.defaults, createFakeStageContext());

function paintRect(mask: ReturnType<typeof createMask>, x0: number, y0: number, w: number, h: number, value = 255) {
  for (let y = y0; y < y0 + h; y++) mask.data.fill(value, y * mask.width + x0, y * mask.width + x0 + w);
}

describe('check-packshot stage', () => {
  it('passes a clean packshot (a generated ring with its exact mask)', async () => {
    const ring = renderRingScene({ widthPx: 600, heightPx: 450, seed: 1 });
    expect((await run(ring.mask)).checks).toEqual([]);
  });

  it('flags a cut-out running off the frame (a hand, a model, a box)', async () => {
    const mask = createMask(400, 300);
    paintRect(mask, 100, 100, 150, 200); // reaches the bottom edge over 150 of 400 px
    expect((await run(mask)).checks?.map((c) => c.code)).toEqual(['touches-edge']);
  });

  it('flags three or more sizeable separate objects but not a pair of earrings', async () => {
    const pair = createMask(400, 300);
    paintRect(pair, 50, 100, 60, 60);
    paintRect(pair, 250, 100, 60, 60);
    expect((await run(pair)).checks).toEqual([]);
    paintRect(pair, 150, 200, 40, 40);
    expect((await run(pair)).checks?.map((c) => c.code)).toEqual(['several-objects']);
  });

  it('counts a part hanging from a thin, half-seen wire as part of its earring', async () => {
    // A pair of earrings, one with a drop joined to it by a 2 px wire at alpha 110 (a recovered ear wire, or a
    // fine chain, thinned further by the 512 px working copy).
    const pair = createMask(1000, 600);
    paintRect(pair, 100, 100, 150, 150);
    paintRect(pair, 600, 100, 150, 150);
    paintRect(pair, 160, 400, 40, 80);
    paintRect(pair, 180, 250, 2, 150, 110);
    expect((await run(pair)).checks).toEqual([]);
  });

  it('flags a photo where refine-mask left out a half-kept hand or body larger than half the piece, or scattered bits', async () => {
    const ring = renderRingScene({ widthPx: 600, heightPx: 450, seed: 1 });
    const check = async (bodyShare: number, fragmentShare: number, mask = ring.mask) =>
      (await checkPackshot.run({ source, mask, leftOut: { bodyShare, fragmentShare } }, checkPackshot.defaults, createFakeStageContext())).checks!;
    expect(await check(0.3, 0.05)).toEqual([]);
    const body = await check(4, 0);
    expect(body.map((c) => c.code)).toEqual(['left-out']);
    expect(body[0].message).toMatch(/hand or body/);
    const bits = await check(0, 0.2);
    expect(bits.map((c) => c.code)).toEqual(['left-out']);
    expect(bits[0].message).toMatch(/print, text/);
    expect((await check(4, 0.2)).map((c) => c.message)).toEqual([body[0].message, bits[0].message]);
    // An unsure mask is said as well as what was left out.
    const unsure = createMask(400, 300);
    paintRect(unsure, 100, 100, 40, 40);
    paintRect(unsure, 150, 100, 100, 100, 100);
    expect((await check(4, 0, unsure)).map((c) => c.code)).toEqual(['unsure-mask', 'left-out']);
  });

  it('flags a mask that is mostly soft, unsure alpha', async () => {
    const mask = createMask(400, 300);
    paintRect(mask, 100, 100, 40, 40);
    paintRect(mask, 150, 100, 100, 100, 100);
    expect((await run(mask)).checks?.map((c) => c.code)).toEqual(['unsure-mask']);
  });
});
