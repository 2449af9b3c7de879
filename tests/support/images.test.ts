import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeMaskBoundingBox, countMaskPixels } from '../../src/core/mask-ops';
import {
  checker,
  decodeJpeg,
  decodeMaskPng,
  decodePng,
  disc,
  discMask,
  encodeJpeg,
  encodePng,
  gradient,
  noise,
  renderChainScene,
  renderRingScene,
  simulateModelMask,
  solid,
} from './images';
import { writeScenes } from './write-scenes';

describe('small patterns', () => {
  it('have the asked size and the expected pixels', () => {
    expect(Array.from(solid(3, 2, [1, 2, 3]).data.subarray(0, 4))).toEqual([1, 2, 3, 255]);
    const ramp = gradient(5, 1, [0, 0, 0], [200, 100, 0]);
    expect([ramp.data[0], ramp.data[16], ramp.data[17]]).toEqual([0, 200, 100]);
    const board = checker(4, 4, 2);
    expect([board.data[0], board.data[2 * 4], board.data[(2 * 4 + 2) * 4]]).toEqual([0, 255, 0]);
    const ring = disc(32);
    const mask = discMask(32);
    expect([ring.width, ring.height, mask.width]).toEqual([32, 32, 32]);
    expect(mask.data[16 * 32 + 16]).toBe(0); // the hole
    expect(mask.data[16 * 32 + 6]).toBe(255); // the band
  });

  it('noise is deterministic from its seed', () => {
    expect(noise(5).data).toEqual(noise(5).data);
    expect(noise(5).data).not.toEqual(noise(6).data);
  });
});

describe('renderRingScene', () => {
  const scene = renderRingScene({ widthPx: 320, heightPx: 240, seed: 4 });

  it('is deterministic from the seed and changes with it', () => {
    expect(renderRingScene({ widthPx: 320, heightPx: 240, seed: 4 }).image.data).toEqual(scene.image.data);
    expect(renderRingScene({ widthPx: 320, heightPx: 240, seed: 5 }).image.data).not.toEqual(scene.image.data);
  });

  it('has the asked size, an anti-aliased mask, and a hole of backdrop inside the ring', () => {
    expect([scene.image.width, scene.image.height, scene.mask.width, scene.mask.height]).toEqual([320, 240, 320, 240]);
    const values = new Set(scene.mask.data);
    expect(values.has(0) && values.has(255)).toBe(true);
    expect(values.size).toBeGreaterThan(50); // edge coverage values
    const centreY = Math.round(0.55 * 240);
    const row = Array.from(scene.mask.data.subarray(centreY * 320, (centreY + 1) * 320));
    expect(row[160]).toBe(0); // the hole
    expect(row.slice(0, 160).some((v) => v === 255)).toBe(true); // band to its left
    expect(row.slice(160).some((v) => v === 255)).toBe(true); // and to its right
  });

  it('draws the piece at the asked size and place', () => {
    const box = computeMaskBoundingBox(renderRingScene({ widthPx: 400, heightPx: 300, pieceSize: 0.5, centerX: 0.3, hasStone: false }).mask)!;
    expect(Math.abs(box.width - 150)).toBeLessThanOrEqual(2);
    expect(Math.abs(box.x + box.width / 2 - 120)).toBeLessThanOrEqual(2);
  });

  it('keeps the shadow out of the mask: backdrop under the ring is darker but not piece', () => {
    const box = computeMaskBoundingBox(scene.mask)!;
    const x = Math.round(box.x + box.width / 2);
    const y = box.y + box.height + 2;
    const far = (5 * 320 + 5) * 4;
    expect(scene.mask.data[y * 320 + x]).toBe(0);
    expect(scene.image.data[(y * 320 + x) * 4 + 1]).toBeLessThan(scene.image.data[far + 1] - 20);
  });
});

describe('renderChainScene', () => {
  it('draws links 2–6 px wide with a pendant, deterministically', () => {
    const a = renderChainScene({ widthPx: 320, heightPx: 240, seed: 2, linkWidthPx: 3 });
    expect(renderChainScene({ widthPx: 320, heightPx: 240, seed: 2, linkWidthPx: 3 }).mask.data).toEqual(a.mask.data);
    const box = computeMaskBoundingBox(a.mask)!;
    expect(box.width).toBeGreaterThan(200); // the chain spans most of the width
    // A row through the chain's arms (30 % down) crosses two thin runs of piece pixels.
    const y = Math.round(0.3 * 240);
    const runs: number[] = [];
    let run = 0;
    for (let x = 0; x < 320; x++) {
      if (a.mask.data[y * 320 + x] > 127) run++;
      else if (run > 0) {
        runs.push(run);
        run = 0;
      }
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    for (const width of runs) expect(width).toBeLessThanOrEqual(8);
  });
});

describe('simulateModelMask', () => {
  it('is low-resolution, square, and keeps the piece', () => {
    const scene = renderRingScene({ widthPx: 320, heightPx: 240 });
    const low = simulateModelMask(scene.mask, { sizePx: 80 });
    expect([low.width, low.height]).toEqual([80, 80]);
    expect(countMaskPixels(low)).toBeGreaterThan(0);
  });
});

describe('codecs', () => {
  it('round-trips PNG exactly, masks as greyscale, and JPEG within a tolerance', () => {
    const image = noise(9, 24, 16);
    expect(decodePng(encodePng(image)).data).toEqual(image.data);
    const mask = discMask(20);
    expect(decodeMaskPng(encodePng(mask)).data).toEqual(mask.data);
    const smooth = gradient(32, 32, [20, 60, 120], [220, 180, 90]);
    const back = decodeJpeg(encodeJpeg(smooth, 95));
    let worst = 0;
    for (let i = 0; i < smooth.data.length; i++) worst = Math.max(worst, Math.abs(back.data[i] - smooth.data[i]));
    expect(worst).toBeLessThanOrEqual(6);
  });

  it('writes the standard scenes as JPEG photos with PNG masks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lustre-scenes-'));
    try {
      const written = await writeScenes(dir, 160, 120);
      expect(written.length).toBeGreaterThanOrEqual(4);
      const photo = decodeJpeg(new Uint8Array(await readFile(written[0].photoPath)));
      const mask = decodeMaskPng(new Uint8Array(await readFile(written[0].maskPath)));
      expect([photo.width, photo.height, mask.width, mask.height]).toEqual([160, 120, 160, 120]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
