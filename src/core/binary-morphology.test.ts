import { describe, expect, it } from 'vitest';
import {
  closeBinary,
  countBinaryPixels,
  createBinaryPlane,
  createBinaryPlaneWhere,
  dilateBinary,
  erodeBinary,
  findEnclosedBinary,
  labelBinaryRegions,
  measureBinaryDiagonal,
  measureDistanceInside,
  measureRegionBoxes,
  selectConnectedToSeeds,
  type BinaryPlane,
} from './binary-morphology';

/** A plane drawn from rows of '#' (1) and '.' (0). */
function draw(...rows: string[]): BinaryPlane {
  const width = rows[0].length;
  return createBinaryPlaneWhere(width, rows.length, (k) => rows[Math.floor(k / width)][k % width] === '#');
}

function show(plane: BinaryPlane): string[] {
  const rows: string[] = [];
  for (let y = 0; y < plane.height; y++) rows.push(Array.from(plane.data.subarray(y * plane.width, (y + 1) * plane.width), (v) => (v ? '#' : '.')).join(''));
  return rows;
}

/** A ring: a square outline of width 1 around a 3×3 hole, in a 9×9 plane. */
const ring = draw('.........', '.........', '..#####..', '..#...#..', '..#...#..', '..#...#..', '..#####..', '.........', '.........');

describe('dilateBinary and erodeBinary', () => {
  it('grow a pixel into a square and shrink it back', () => {
    const dot = draw('.....', '.....', '..#..', '.....', '.....');
    expect(show(dilateBinary(dot, 1))).toEqual(['.....', '.###.', '.###.', '.###.', '.....']);
    expect(show(erodeBinary(dilateBinary(dot, 1), 1))).toEqual(show(dot));
    expect(countBinaryPixels(dilateBinary(dot, 0))).toBe(1);
  });

  it('erosion treats the outside as set, so the frame does not eat a piece touching it', () => {
    const full = createBinaryPlaneWhere(4, 3, () => true);
    expect(countBinaryPixels(erodeBinary(full, 1))).toBe(12);
  });
});

describe('closeBinary', () => {
  it('seals a one-pixel gap in a ring wall', () => {
    const broken = draw('.........', '.........', '..##.##..', '..#...#..', '..#...#..', '..#...#..', '..#####..', '.........', '.........');
    expect(countBinaryPixels(findEnclosedBinary(broken))).toBe(0);
    expect(countBinaryPixels(findEnclosedBinary(closeBinary(broken, 1)))).toBeGreaterThan(0);
  });
});

describe('findEnclosedBinary', () => {
  it('finds the hole of a ring and nothing outside it', () => {
    expect(show(findEnclosedBinary(ring))).toEqual(['.........', '.........', '.........', '...###...', '...###...', '...###...', '.........', '.........', '.........']);
  });

  it('does not count background touching the frame as enclosed', () => {
    const cup = draw('..#...#..', '..#...#..', '..#####..');
    expect(countBinaryPixels(findEnclosedBinary(cup))).toBe(0);
  });
});

describe('selectConnectedToSeeds and labelBinaryRegions', () => {
  it('keeps only the regions a seed touches (8-connected)', () => {
    const region = draw('##...', '.#...', '..#..', '....#', '...##');
    const seeds = createBinaryPlane(5, 5);
    seeds.data[0] = 1;
    expect(show(selectConnectedToSeeds(region, seeds))).toEqual(['##...', '.#...', '..#..', '.....', '.....']);
    expect(labelBinaryRegions(region).count).toBe(2);
  });
});

describe('measureDistanceInside and measureBinaryDiagonal', () => {
  it('measure the chessboard depth of a square and the diagonal of its box', () => {
    const square = draw('.......', '.#####.', '.#####.', '.#####.', '.#####.', '.#####.', '.......');
    const distance = measureDistanceInside(square);
    expect(distance[3 * 7 + 3]).toBe(3);
    expect(distance[1 * 7 + 1]).toBe(1);
    expect(distance[0]).toBe(0);
    expect(measureBinaryDiagonal(square)).toBeCloseTo(Math.hypot(5, 5), 10);
    expect(measureBinaryDiagonal(createBinaryPlane(3, 3))).toBe(0);
  });
});

describe('measureRegionBoxes', () => {
  it('gives each labelled region its area and bounding box', () => {
    const plane = draw('##....', '##..#.', '....#.', '....##');
    const { labels, count } = labelBinaryRegions(plane);
    const { areas, boxes, diagonalSquared } = measureRegionBoxes(labels, count, plane.width);
    expect(count).toBe(2);
    expect(Array.from(areas)).toEqual([0, 4, 4]);
    expect(Array.from(boxes.subarray(4, 12))).toEqual([0, 0, 1, 1, 4, 1, 5, 3]);
    expect(diagonalSquared(2)).toBe(2 * 2 + 3 * 3);
  });
});
