import { describe, expect, it } from 'vitest';
import { createMask, type Mask } from './image';
import { dropDoubtfulFragments } from './doubtful-fragments';

function paint(mask: Mask, x0: number, y0: number, w: number, h: number, alpha: number) {
  for (let y = y0; y < y0 + h; y++) mask.data.fill(alpha, y * mask.width + x0, y * mask.width + x0 + w);
}
const at = (mask: Mask, x: number, y: number) => mask.data[y * mask.width + x];

/** A 300×200 model mask: a sure 80×60 piece with a faint 2 px rim, and letters of middling alpha around it. */
function renderPieceOnPrint(): Mask {
  const mask = createMask(300, 200);
  paint(mask, 98, 68, 84, 64, 50); // the piece's faint rim
  paint(mask, 100, 70, 80, 60, 255);
  for (let i = 0; i < 8; i++) {
    paint(mask, 18 + i * 30, 168, 10, 16, 45); // a line of letters below, far from it, each with a faint rim
    paint(mask, 20 + i * 30, 170, 6, 12, 150);
  }
  paint(mask, 250, 10, 30, 20, 40); // faint haze, no part in it
  paint(mask, 186, 90, 6, 12, 150); // a faint prong 6 px from the piece
  return mask;
}

describe('dropDoubtfulFragments', () => {
  it('drops small parts the model is sure of nowhere that lie apart from the piece, and keeps the piece, its rim and what comes near it', () => {
    const mask = renderPieceOnPrint();
    const { mask: kept, droppedPixels } = dropDoubtfulFragments(mask);
    for (let i = 0; i < 8; i++) expect([at(kept, 23 + i * 30, 175), at(kept, 19 + i * 30, 169)]).toEqual([0, 0]);
    expect(at(kept, 265, 20)).toBe(40);
    expect(droppedPixels).toBe(8 * 6 * 12);
    expect(at(kept, 140, 100)).toBe(255);
    expect(at(kept, 98, 100)).toBe(50);
    expect(at(kept, 188, 95)).toBe(150);
    expect(at(mask, 23, 175)).toBe(150); // the input is not changed
  });

  it('keeps a doubtful part as big as a tenth of the piece wherever it lies (the other earring of a pair)', () => {
    const mask = createMask(300, 200);
    paint(mask, 20, 70, 60, 60, 255);
    paint(mask, 220, 70, 20, 20, 140); // 400 px ≥ 10 % of 3,600
    paint(mask, 220, 150, 10, 10, 140); // 100 px: dropped
    const { mask: kept } = dropDoubtfulFragments(mask);
    expect(at(kept, 230, 80)).toBe(140);
    expect(at(kept, 225, 155)).toBe(0);
  });

  it('keeps a part within 12 px of the piece and drops one 14 px away', () => {
    const mask = createMask(200, 100);
    paint(mask, 20, 20, 60, 60, 255);
    paint(mask, 91, 40, 5, 5, 150); // 12 px from the piece's last column (x = 79)
    paint(mask, 93, 60, 5, 5, 150); // 14 px
    const { mask: kept } = dropDoubtfulFragments(mask);
    expect(at(kept, 93, 42)).toBe(150);
    expect(at(kept, 95, 62)).toBe(0);
  });

  it('keeps stretches of a fine chain between faint gaps, a part the model nearly believes, and the rim a kept part shares with a dropped one', () => {
    const mask = createMask(400, 200);
    paint(mask, 20, 60, 60, 60, 255);
    for (let x = 100; x < 380; x += 42) paint(mask, x, 90, 38, 2, 170); // chain stretches, 4 px gaps at alpha 0
    paint(mask, 200, 20, 6, 6, 205); // a small part at 205
    paint(mask, 118, 92, 8, 4, 50); // faint haze between a chain stretch and...
    paint(mask, 119, 96, 6, 6, 150); // ...a letter just below it, 40 px from the piece
    paint(mask, 300, 150, 6, 6, 150); // two letters 2 px apart: their rims overlap, both go
    paint(mask, 300, 158, 6, 6, 150);
    const { mask: kept } = dropDoubtfulFragments(mask);
    for (let x = 100; x < 380; x += 42) expect(at(kept, x + 20, 91)).toBe(170);
    expect(at(kept, 202, 22)).toBe(205);
    expect(at(kept, 121, 98)).toBe(0);
    expect(at(kept, 121, 93)).toBe(50);
    expect([at(kept, 302, 152), at(kept, 302, 160)]).toEqual([0, 0]);
  });

  it('changes nothing when the model is sure of nothing', () => {
    const mask = createMask(100, 100);
    paint(mask, 10, 10, 20, 20, 150);
    paint(mask, 70, 70, 5, 5, 150);
    const { mask: kept, droppedPixels } = dropDoubtfulFragments(mask);
    expect(Buffer.from(kept.data).equals(Buffer.from(mask.data))).toBe(true);
    expect(droppedPixels).toBe(0);
  });
});
