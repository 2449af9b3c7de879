import { describe, expect, it } from 'vitest';
import { createMask, type Mask, type RgbaImage } from './image';
import { dropPrintFragments } from './print-fragments';

type Rgb = [number, number, number];

interface Blob {
  x: number;
  y: number;
  w: number;
  h: number;
  rgb: Rgb;
  alpha: number;
}

/** A 200×200 photo of `paper` with rectangles painted in their colours, and the model mask that holds them at their alpha. */
function renderScene(paper: Rgb, blobs: Blob[]): { image: RgbaImage; mask: Mask } {
  const size = 200;
  const data = new Uint8ClampedArray(size * size * 4);
  const mask = createMask(size, size);
  for (let k = 0; k < size * size; k++) data.set([...paper, 255], k * 4);
  for (const blob of blobs) {
    for (let y = blob.y; y < blob.y + blob.h; y++) {
      for (let x = blob.x; x < blob.x + blob.w; x++) {
        data.set([...blob.rgb, 255], (y * size + x) * 4);
        mask.data[y * size + x] = blob.alpha;
      }
    }
  }
  return { image: { width: size, height: size, data }, mask };
}

const paper: Rgb = [236, 230, 218];
const gold: Rgb = [214, 170, 80];
const ink: Rgb = [40, 38, 36];
const onyx: Rgb = [30, 30, 32];
const piece = (rgb: Rgb): Blob => ({ x: 60, y: 60, w: 80, h: 80, rgb, alpha: 255 });
const letter = (x: number, y: number): Blob => ({ x, y, w: 6, h: 9, rgb: ink, alpha: 240 });
/** The size cap scaled to these 200-px scenes (at the model's 1024² the default allows about 1,000 px). */
const small = { maxMaskShare: 0.01 };

describe('dropPrintFragments', () => {
  it('drops dark letters the model is sure of, apart from a gold piece on paper, and keeps a dark stone beside it', () => {
    const stone: Blob = { x: 145, y: 95, w: 8, h: 8, rgb: onyx, alpha: 255 };
    const scene = renderScene(paper, [piece(gold), letter(10, 10), letter(20, 170), letter(170, 20), stone]);
    const { mask, droppedPixels } = dropPrintFragments(scene.image, scene.mask, small);
    expect(droppedPixels).toBe(3 * 6 * 9);
    expect(mask.data[12 * 200 + 12]).toBe(0);
    expect(mask.data[172 * 200 + 22]).toBe(0);
    expect(mask.data[99 * 200 + 149]).toBe(255);
    expect(mask.data[100 * 200 + 100]).toBe(255);
    expect(scene.mask.data[12 * 200 + 12]).toBe(240);
    // At the default cap (40 px of this 200² mask) the letters are too big to be print.
    expect(dropPrintFragments(scene.image, scene.mask).droppedPixels).toBe(0);
  });

  it('takes a faint rim with a letter, but not where it is also the rim of a kept part', () => {
    const scene = renderScene(paper, [piece(gold), letter(10, 10), { x: 16, y: 10, w: 2, h: 9, rgb: paper, alpha: 40 }]);
    scene.mask.data[8 * 200 + 12] = 30;
    const { mask } = dropPrintFragments(scene.image, scene.mask, small);
    expect(mask.data[8 * 200 + 12]).toBe(0);
    expect(mask.data[12 * 200 + 17]).toBe(0);
    // A letter 4 px from the piece (with nearPx 2): the faint pixel between them is within both rims.
    const touching = renderScene(paper, [piece(gold), letter(50, 100)]);
    touching.mask.data[100 * 200 + 57] = 30;
    const kept = dropPrintFragments(touching.image, touching.mask, { ...small, nearPx: 2 });
    expect(kept.droppedPixels).toBe(6 * 9);
    expect(kept.mask.data[100 * 200 + 57]).toBe(30);
  });

  it('keeps a long stretch of dark cord and a dark red stone apart from a gold pendant', () => {
    const cord: Blob = { x: 10, y: 10, w: 3, h: 40, rgb: ink, alpha: 255 };
    const garnet: Blob = { x: 170, y: 170, w: 6, h: 6, rgb: [90, 20, 30], alpha: 255 };
    const scene = renderScene(paper, [piece(gold), cord, garnet]);
    expect(dropPrintFragments(scene.image, scene.mask, small).droppedPixels).toBe(0);
  });

  it('keeps everything when the piece is itself dark, the backdrop is dark, or the dark part is as big as a piece', () => {
    const darkPiece = renderScene(paper, [piece(onyx), letter(10, 10)]);
    expect(dropPrintFragments(darkPiece.image, darkPiece.mask, small).droppedPixels).toBe(0);
    const darkCloth = renderScene([70, 66, 60], [piece(gold), letter(10, 10)]);
    expect(dropPrintFragments(darkCloth.image, darkCloth.mask, small).droppedPixels).toBe(0);
    const pair = renderScene(paper, [piece(gold), { x: 5, y: 5, w: 30, h: 30, rgb: onyx, alpha: 255 }]);
    expect(dropPrintFragments(pair.image, pair.mask, { maxShare: 1, maxMaskShare: 1 }).droppedPixels).toBe(900);
    expect(dropPrintFragments(pair.image, pair.mask, { maxMaskShare: 1 }).droppedPixels).toBe(0);
  });

  it('keeps pale parts apart from the piece (a second, pale stone), and reads a photo of another size and aspect', () => {
    const scene = renderScene(paper, [piece(gold), { x: 10, y: 10, w: 6, h: 6, rgb: [200, 200, 210], alpha: 255 }]);
    expect(dropPrintFragments(scene.image, scene.mask, small).droppedPixels).toBe(0);
    // The photo is 200×200; the mask a 100×50 stretch of it: a letter at photo (10..15, 10..18) is sampled at mask (5..7, 2..4).
    const withLetter = renderScene(paper, [piece(gold), letter(10, 10)]);
    const stretched: Mask = createMask(100, 50);
    for (let y = 0; y < 50; y++) for (let x = 0; x < 100; x++) stretched.data[y * 100 + x] = withLetter.mask.data[(y * 4 + 2) * 200 + x * 2];
    const { mask, droppedPixels } = dropPrintFragments(withLetter.image, stretched, { maxMaskShare: 0.01, nearPx: 4, minPiecePixels: 64 });
    expect(droppedPixels).toBe(3 * 3);
    expect(mask.data[3 * 100 + 6]).toBe(0);
    expect(mask.data[25 * 100 + 50]).toBe(255);
  });
});
