import { describe, expect, it } from 'vitest';
import { createImage, createMask } from './image';
import { measureVisibleBox } from './visible-box';

/** Paints a rectangle of `picture` with `rgb` and sets `alpha` there. */
function paint(picture: ReturnType<typeof createImage>, alpha: ReturnType<typeof createMask>, x0: number, y0: number, x1: number, y1: number, rgb: number[], a: number) {
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      picture.data.set(rgb, (y * picture.width + x) * 4);
      alpha.data[y * picture.width + x] = a;
    }
  }
}

describe('measureVisibleBox', () => {
  it('counts a faint dark haze and leaves out a white part on a white canvas', () => {
    const picture = createImage(100, 80, [255, 255, 255, 255]);
    const alpha = createMask(100, 80);
    paint(picture, alpha, 40, 30, 60, 50, [90, 80, 60], 255); // the piece
    paint(picture, alpha, 60, 35, 70, 45, [230, 230, 230], 40); // haze: 25 levels darker, alpha 40
    paint(picture, alpha, 10, 39, 40, 41, [250, 250, 250], 255); // a white wire: 5 levels from the canvas
    expect(measureVisibleBox(picture, alpha, [255, 255, 255])).toEqual({ x: 40, y: 30, width: 30, height: 20 });
  });

  it('compares against a canvas image and ignores pixels the piece does not cover', () => {
    const canvas = createImage(50, 50, [30, 30, 40, 255]);
    const picture = createImage(50, 50, [30, 30, 40, 255]);
    picture.data.set([200, 0, 0], 0); // differs, but alpha 0 there: canvas texture, not the piece
    const alpha = createMask(50, 50);
    paint(picture, alpha, 20, 20, 25, 30, [200, 180, 90], 255);
    expect(measureVisibleBox(picture, alpha, canvas)).toEqual({ x: 20, y: 20, width: 5, height: 10 });
    expect(measureVisibleBox(canvas, alpha, canvas)).toBeNull();
  });
});
