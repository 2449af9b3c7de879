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

describe('dropPrintFragments', () => {
  it('drops dark letters the model is sure of, apart from a gold piece on paper, and keeps a dark stone beside it', () => {
    const stone: Blob = { x: 145, y: 95, w: 8, h: 8, rgb: onyx, alpha: 255 };
    const scene = renderScene(paper, [piece(gold), letter(10, 10), letter(20, 170), letter(170, 20), stone]);
    const { mask, droppedPixels } = dropPrintFragments(scene.image, scene.mask);
    expect(droppedPixels).toBe(3 * 6 * 9);
    expect(mask.data[12 * 200 + 12]).toBe(0);
    expect(mask.data[172 * 200 + 22]).toBe(0);
    expect(mask.data[99 * 200 + 149]).toBe(255);
    expect(mask.data[100 * 200 + 100]).toBe(255);
    expect(scene.mask.data[12 * 200 + 12]).toBe(240);
  });

  it('keeps everything when the piece is itself dark, the backdrop is dark, or the dark part is as big as a piece', () => {
    const darkPiece = renderScene(paper, [piece(onyx), letter(10, 10)]);
    expect(dropPrintFragments(darkPiece.image, darkPiece.mask).droppedPixels).toBe(0);
    const darkCloth = renderScene([70, 66, 60], [piece(gold), letter(10, 10)]);
    expect(dropPrintFragments(darkCloth.image, darkCloth.mask).droppedPixels).toBe(0);
    const pair = renderScene(paper, [piece(gold), { x: 5, y: 5, w: 30, h: 30, rgb: onyx, alpha: 255 }]);
    expect(dropPrintFragments(pair.image, pair.mask).droppedPixels).toBe(0);
  });

  it('keeps pale parts apart from the piece (a second, pale stone) and reads a photo larger than the mask', () => {
    const scene = renderScene(paper, [piece(gold), { x: 10, y: 10, w: 6, h: 6, rgb: [200, 200, 210], alpha: 255 }]);
    expect(dropPrintFragments(scene.image, scene.mask).droppedPixels).toBe(0);
    const withLetter = renderScene(paper, [piece(gold), letter(10, 10)]);
    const halfMask: Mask = createMask(100, 100);
    for (let y = 0; y < 100; y++) for (let x = 0; x < 100; x++) halfMask.data[y * 100 + x] = withLetter.mask.data[y * 2 * 200 + x * 2];
    expect(dropPrintFragments(withLetter.image, halfMask).droppedPixels).toBe(3 * 5);
  });
});
