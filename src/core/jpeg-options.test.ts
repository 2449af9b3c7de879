import { beforeAll, describe, expect, it } from 'vitest';
import { readJpegFrame } from '../../tests/support/codecs';
import { startMozJpegInNode, type MozJpegInNode } from '../../tests/support/mozjpeg-node';
import type { RgbaImage } from './image';
import { readBaselineJpeg } from './jpeg-baseline';
import { chooseMozJpegOptions } from './jpeg-options';

const ring = { centerX: 287.3, centerY: 201.6, innerRadius: 70, outerRadius: 118 };
const size = { width: 603, height: 411 };

/** Distance (px) from the centre of pixel (x, y) to the ring (0 inside it). */
function distanceToRing(x: number, y: number): number {
  const d = Math.hypot(x + 0.5 - ring.centerX, y + 0.5 - ring.centerY);
  return Math.max(0, ring.innerRadius - d, d - ring.outerRadius);
}

/** An annulus of `color` on pure white, anti-aliased by 4×4 supersampling, at a size that is not a multiple of the 16-px MCU. */
function drawRing(color: readonly [number, number, number]): RgbaImage {
  const { width, height } = size;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let covered = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const d = Math.hypot(x + (sx + 0.5) / 4 - ring.centerX, y + (sy + 0.5) / 4 - ring.centerY);
          if (d >= ring.innerRadius && d <= ring.outerRadius) covered++;
        }
      }
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) data[i + c] = Math.round(255 - ((255 - color[c]) * covered) / 16);
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

/** The background more than 2 px from the ring: how much of it is not exactly (255, 255, 255), how far out, how dark. */
function measureBackground(decoded: RgbaImage): { pixels: number; impure: number; farthestImpurePx: number; darkest: number } {
  const result = { pixels: 0, impure: 0, farthestImpurePx: 0, darkest: 255 };
  for (let y = 0; y < decoded.height; y++) {
    for (let x = 0; x < decoded.width; x++) {
      const distance = distanceToRing(x, y);
      if (distance <= 2) continue;
      result.pixels++;
      const i = (y * decoded.width + x) * 4;
      const darkest = Math.min(decoded.data[i], decoded.data[i + 1], decoded.data[i + 2]);
      if (darkest === 255) continue;
      result.impure++;
      result.farthestImpurePx = Math.max(result.farthestImpurePx, distance);
      result.darkest = Math.min(result.darkest, darkest);
    }
  }
  return result;
}

/** Mean green of the decoded ring's inside (2 px in from both edges). */
function measureRingGreen(decoded: RgbaImage): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < decoded.height; y++) {
    for (let x = 0; x < decoded.width; x++) {
      const d = Math.hypot(x + 0.5 - ring.centerX, y + 0.5 - ring.centerY);
      if (d < ring.innerRadius + 2 || d > ring.outerRadius - 2) continue;
      sum += decoded.data[(y * decoded.width + x) * 4 + 1];
      count++;
    }
  }
  return sum / count;
}

describe('chooseMozJpegOptions', () => {
  let codec: MozJpegInNode;
  beforeAll(async () => {
    codec = await startMozJpegInNode();
  });

  it('maps the look quality to baseline MozJPEG with optimised Huffman tables', () => {
    expect(chooseMozJpegOptions(0.92)).toEqual({ quality: 92, baseline: true, progressive: false, optimize_coding: true });
    expect(chooseMozJpegOptions(0.005).quality).toBe(1);
    expect(chooseMozJpegOptions(1.2).quality).toBe(100);
    expect(chooseMozJpegOptions(Number.NaN).quality).toBe(92);
  });

  it('codes the colour at full resolution and quality 100 when the white must stay pure', async () => {
    expect(chooseMozJpegOptions(0.8, { isWhiteKeptPure: true })).toEqual({
      quality: 80,
      baseline: true,
      progressive: false,
      optimize_coding: true,
      auto_subsample: false,
      chroma_subsample: 1,
      separate_chroma_quality: true,
      chroma_quality: 100,
    });
    // The options reach the encoder: 4:4:4, and every colour step 1.
    const encoded = new Uint8Array(await codec.encode(drawRing([200, 160, 60]) as ImageData, chooseMozJpegOptions(0.8, { isWhiteKeptPure: true })));
    const jpeg = readBaselineJpeg(encoded);
    expect(jpeg.components.map((c) => [c.horizontalSampling, c.verticalSampling])).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(Array.from(jpeg.quantTables.get(jpeg.components[1].quantTableId)!).every((step) => step === 1)).toBe(true);
  });

  // Deringing does not make every pixel near the edge pure: here 311 (grey) and 2 594 (gold) of 217 131 come out 242–254,
  // all within ~10 px (the edge's 8×8 blocks). libjpeg-turbo at 4:2:0 (the canvas encoder), same quality, leaves 4.5× and
  // 3× as many, out to 16 px (grey) and beyond (gold).
  it.each([
    { name: 'grey', color: [90, 90, 90] as const, maxImpureShare: 0.0025 },
    { name: 'gold', color: [200, 160, 60] as const, maxImpureShare: 0.015 },
  ])('keeps the background around a $name ring white at quality 0.92: pure beyond its edge blocks, few impure within', async ({ color, maxImpureShare }) => {
    const image = drawRing(color);
    const encoded = await codec.encode(image as ImageData, chooseMozJpegOptions(0.92));
    // Baseline, 4:4:4 (auto_subsample at quality ≥ 90): the options reached the encoder.
    expect(readJpegFrame(new Uint8Array(encoded))).toEqual({ marker: 0xc0, samplingFactors: [0x11, 0x11, 0x11] });

    const decoded = await codec.decode(encoded);
    expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
    const background = measureBackground(decoded);
    expect(background.pixels).toBeGreaterThan(image.width * image.height * 0.6);
    expect(background.farthestImpurePx).toBeLessThan(12);
    expect(background.impure / background.pixels).toBeLessThan(maxImpureShare);
    expect(background.darkest).toBeGreaterThanOrEqual(240);
    expect(Math.abs(measureRingGreen(decoded) - color[1])).toBeLessThan(2);
  });
});
