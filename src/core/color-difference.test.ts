import { describe, expect, it } from 'vitest';
import { computeDeltaE00, computeSrgbDeltaE00, computeSrgbLuminance, convertSrgbToLab, type Lab, srgbToLinearLut, writeSrgbAsLab } from './color-difference';

/** Sharma, Wu & Dalal (2005), Table 1: the 34 published CIEDE2000 test pairs and their ΔE00. */
const sharmaPairs: [Lab, Lab, number][] = [
  [[50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425],
  [[50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615],
  [[50.0, 2.8361, -74.02], [50.0, 0.0, -82.7485], 3.4412],
  [[50.0, -1.3802, -84.2814], [50.0, 0.0, -82.7485], 1.0],
  [[50.0, -1.1848, -84.8006], [50.0, 0.0, -82.7485], 1.0],
  [[50.0, -0.9009, -85.5211], [50.0, 0.0, -82.7485], 1.0],
  [[50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669],
  [[50.0, -1.0, 2.0], [50.0, 0.0, 0.0], 2.3669],
  [[50.0, 2.49, -0.001], [50.0, -2.49, 0.0009], 7.1792],
  [[50.0, 2.49, -0.001], [50.0, -2.49, 0.001], 7.1792],
  [[50.0, 2.49, -0.001], [50.0, -2.49, 0.0011], 7.2195],
  [[50.0, 2.49, -0.001], [50.0, -2.49, 0.0012], 7.2195],
  [[50.0, -0.001, 2.49], [50.0, 0.0009, -2.49], 4.8045],
  [[50.0, -0.001, 2.49], [50.0, 0.001, -2.49], 4.8045],
  [[50.0, -0.001, 2.49], [50.0, 0.0011, -2.49], 4.7461],
  [[50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065],
  [[50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492],
  [[50.0, 2.5, 0.0], [61.0, -5.0, 29.0], 22.8977],
  [[50.0, 2.5, 0.0], [56.0, -27.0, -3.0], 31.903],
  [[50.0, 2.5, 0.0], [58.0, 24.0, 15.0], 19.4535],
  [[50.0, 2.5, 0.0], [50.0, 3.1736, 0.5854], 1.0],
  [[50.0, 2.5, 0.0], [50.0, 3.2972, 0.0], 1.0],
  [[50.0, 2.5, 0.0], [50.0, 1.8634, 0.5757], 1.0],
  [[50.0, 2.5, 0.0], [50.0, 3.2592, 0.335], 1.0],
  [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
  [[63.0109, -31.0961, -5.8663], [62.8187, -29.7946, -4.0864], 1.263],
  [[61.2901, 3.7196, -5.3901], [61.4292, 2.248, -4.962], 1.8731],
  [[35.0831, -44.1164, 3.7933], [35.0232, -40.0716, 1.5901], 1.8645],
  [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
  [[36.4612, 47.858, 18.3852], [36.2715, 50.5065, 21.2231], 1.4146],
  [[90.8027, -2.0831, 1.441], [91.1528, -1.6435, 0.0447], 1.4441],
  [[90.9257, -0.5406, -0.9208], [88.6381, -0.8985, -0.7239], 1.5381],
  [[6.7747, -0.2908, -2.4247], [5.8714, -0.0985, -2.2286], 0.6377],
  [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
];

describe('computeDeltaE00', () => {
  it.each(sharmaPairs.map((pair, index) => [index + 1, ...pair] as const))(
    'matches Sharma et al. test pair %i to 4 decimals',
    (_index, lab1, lab2, expected) => {
      expect(Math.abs(computeDeltaE00(lab1, lab2) - expected)).toBeLessThan(5e-5);
    },
  );

  it('is symmetric and zero for identical colours', () => {
    for (const [lab1, lab2] of sharmaPairs) {
      expect(computeDeltaE00(lab2, lab1)).toBeCloseTo(computeDeltaE00(lab1, lab2), 10);
      expect(computeDeltaE00(lab1, lab1)).toBe(0);
    }
  });
});

describe('convertSrgbToLab', () => {
  it('maps white to L* 100 and black to L* 0, both neutral', () => {
    const white = convertSrgbToLab(255, 255, 255);
    expect(white[0]).toBeCloseTo(100, 9);
    expect(white[1]).toBeCloseTo(0, 9);
    expect(white[2]).toBeCloseTo(0, 9);
    expect(convertSrgbToLab(0, 0, 0)).toEqual([0, 0, 0]);
  });

  it('keeps every grey neutral and matches the published L* of sRGB 128 and 119', () => {
    for (let v = 0; v < 256; v += 17) {
      const [, a, b] = convertSrgbToLab(v, v, v);
      expect(Math.abs(a)).toBeLessThan(1e-9);
      expect(Math.abs(b)).toBeLessThan(1e-9);
    }
    expect(convertSrgbToLab(128, 128, 128)[0]).toBeCloseTo(53.585, 3);
    expect(convertSrgbToLab(119, 119, 119)[0]).toBeCloseTo(50.0, 1);
  });

  it('matches reference Lab values of the sRGB primaries (D65)', () => {
    const cases: [[number, number, number], Lab][] = [
      [[255, 0, 0], [53.2408, 80.0925, 67.2032]],
      [[0, 255, 0], [87.7347, -86.1827, 83.1793]],
      [[0, 0, 255], [32.297, 79.1875, -107.8602]],
    ];
    for (const [rgb, expected] of cases) {
      const lab = convertSrgbToLab(rgb[0], rgb[1], rgb[2]);
      for (let c = 0; c < 3; c++) expect(Math.abs(lab[c] - expected[c])).toBeLessThan(0.01);
    }
  });

  it('writes into a buffer at an offset like the allocating form', () => {
    const out = new Float64Array(6);
    writeSrgbAsLab(200, 120, 40, out, 3);
    expect(Array.from(out.subarray(3))).toEqual(convertSrgbToLab(200, 120, 40));
    expect(srgbToLinearLut[0]).toBe(0);
    expect(srgbToLinearLut[255]).toBe(1);
  });
});

describe('computeSrgbDeltaE00', () => {
  it('is 0 for equal colours, 100 for black vs white, and orders near below far', () => {
    expect(computeSrgbDeltaE00([10, 200, 30], [10, 200, 30])).toBe(0);
    expect(computeSrgbDeltaE00([0, 0, 0], [255, 255, 255])).toBeCloseTo(100, 6);
    expect(computeSrgbDeltaE00([255, 255, 255], [254, 254, 254])).toBeLessThan(1);
    expect(computeSrgbDeltaE00([255, 255, 255], [250, 250, 250])).toBeLessThan(computeSrgbDeltaE00([255, 255, 255], [200, 200, 200]));
  });
});

describe('computeSrgbLuminance', () => {
  it('is 0 for black, 1 for white, and Y of the Lab conversion in between', () => {
    expect(computeSrgbLuminance(0, 0, 0)).toBe(0);
    expect(computeSrgbLuminance(255, 255, 255)).toBeCloseTo(1, 6);
    const l = convertSrgbToLab(200, 120, 40)[0];
    expect(computeSrgbLuminance(200, 120, 40)).toBeCloseTo(((l + 16) / 116) ** 3, 6);
  });
});
