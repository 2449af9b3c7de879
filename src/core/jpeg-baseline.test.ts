import { beforeAll, describe, expect, it } from 'vitest';
import { decodeJpeg as decodeWithJpegJs, encodeJpeg as encodeWithJpegJs } from '../../tests/support/codecs';
import { startMozJpegInNode, type MozJpegInNode } from '../../tests/support/mozjpeg-node';
import type { RgbaImage } from './image';
import { readBaselineJpeg, writeBaselineJpeg } from './jpeg-baseline';

/** Smooth colour ramps, a dark disc and fine stripes, at a size that is not a multiple of 16 (partial MCUs). */
function drawScene(width = 203, height = 141): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const isDisc = Math.hypot(x - 70, y - 60) < 35;
      const isStripe = x > 130 && (x >> 1) % 2 === 0;
      data[i] = isDisc ? 40 : (x * 255) / width;
      data[i + 1] = isStripe ? 230 : (y * 255) / height;
      data[i + 2] = isDisc ? 200 : 128 + 100 * Math.sin(x / 9 + y / 13);
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

function countDifferentBytes(a: RgbaImage, b: RgbaImage): number {
  let different = 0;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) different++;
  return different;
}

describe('readBaselineJpeg and writeBaselineJpeg', () => {
  let codec: MozJpegInNode;
  const decode = (bytes: Uint8Array) => codec.decodeBytes(bytes);
  beforeAll(async () => {
    codec = await startMozJpegInNode();
  });

  it.each([
    { name: 'MozJPEG 4:4:4', options: { quality: 92, baseline: true, progressive: false, optimize_coding: true } },
    { name: 'MozJPEG 4:2:0', options: { quality: 75, baseline: true, progressive: false, optimize_coding: true } },
  ])('rewrites a $name file losslessly: the same pixels in two decoders', async ({ options }) => {
    const original = new Uint8Array(await codec.encode(drawScene() as ImageData, options));
    const jpeg = readBaselineJpeg(original);
    expect([jpeg.width, jpeg.height, jpeg.components.length]).toEqual([203, 141, 3]);
    const rewritten = writeBaselineJpeg(jpeg);
    expect(countDifferentBytes(await decode(rewritten), await decode(original))).toBe(0);
    expect(countDifferentBytes(decodeWithJpegJs(rewritten), decodeWithJpegJs(original))).toBe(0);
    // Optimal tables for the same coefficients: no bigger than MozJPEG's own (a few bytes of headers aside).
    expect(rewritten.length).toBeLessThan(original.length + 64);
  });

  it('rewrites a file with standard Huffman tables (jpeg-js) losslessly', async () => {
    const original = encodeWithJpegJs(drawScene(), 85);
    const rewritten = writeBaselineJpeg(readBaselineJpeg(original));
    expect(countDifferentBytes(await decode(rewritten), await decode(original))).toBe(0);
  });

  it('writes and reads restart intervals', async () => {
    const original = new Uint8Array(await codec.encode(drawScene() as ImageData, { quality: 90, baseline: true, progressive: false }));
    const jpeg = readBaselineJpeg(original);
    jpeg.restartInterval = 5;
    const firstScan = jpeg.segments.findIndex((segment) => segment.kind === 'scan');
    jpeg.segments.splice(firstScan, 0, { kind: 'bytes', bytes: new Uint8Array([0xff, 0xdd, 0, 4, 0, 5]) });
    const withRestarts = writeBaselineJpeg(jpeg);
    expect(withRestarts.join(',')).toContain('255,208'); // RST0
    expect(countDifferentBytes(await decode(withRestarts), await decode(original))).toBe(0);
    const reread = readBaselineJpeg(withRestarts);
    expect(reread.restartInterval).toBe(5);
    expect(countDifferentBytes(await decode(writeBaselineJpeg(reread)), await decode(original))).toBe(0);
  });

  it('changes only the block whose coefficient was changed', async () => {
    const original = new Uint8Array(await codec.encode(drawScene() as ImageData, { quality: 92, baseline: true, progressive: false }));
    const jpeg = readBaselineJpeg(original);
    const luma = jpeg.components[0];
    const block = 3 * luma.blocksPerLine + 4; // pixels x 32..39, y 24..31
    luma.coefficients[block * 64] += 4;
    const before = await decode(original);
    const after = await decode(writeBaselineJpeg(jpeg));
    for (let y = 0; y < before.height; y++) {
      for (let x = 0; x < before.width; x++) {
        const i = (y * before.width + x) * 4;
        const isInBlock = x >= 32 && x < 40 && y >= 24 && y < 32;
        if (!isInBlock) expect(after.data[i + 1]).toBe(before.data[i + 1]);
        else expect(after.data[i + 1]).toBeGreaterThanOrEqual(before.data[i + 1]);
      }
    }
  });

  it('refuses a progressive file and a file that is not a JPEG', async () => {
    const progressive = new Uint8Array(await codec.encode(drawScene() as ImageData, { quality: 80, progressive: true }));
    expect(() => readBaselineJpeg(progressive)).toThrow(/baseline/);
    expect(() => readBaselineJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(/Not a JPEG/);
  });
});
