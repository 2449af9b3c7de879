import { beforeAll, describe, expect, it } from 'vitest';
import { startMozJpegInNode, type MozJpegInNode } from '../../tests/support/mozjpeg-node';
import { createRandom } from '../../tests/support/random';
import { readBaselineJpeg, writeBaselineJpeg } from './jpeg-baseline';
import { convertYccToRgbIjg, inverseDctIslow } from './jpeg-idct-islow';
import { chooseMozJpegOptions } from './jpeg-options';

describe('inverseDctIslow', () => {
  let codec: MozJpegInNode;
  beforeAll(async () => {
    codec = await startMozJpegInNode();
  });

  it('gives exactly the pixels MozJPEG\'s decoder (libjpeg-turbo) shows, for blocks of random coefficients', async () => {
    const width = 96;
    const height = 64;
    const grey = new Uint8ClampedArray(width * height * 4).fill(200);
    for (const quality of [0.92, 0.6]) {
      const encoded = new Uint8Array(await codec.encode(new ImageData(grey, width, height), chooseMozJpegOptions(quality, { isWhiteKeptPure: true })));
      const jpeg = readBaselineJpeg(encoded);
      expect(jpeg.components.map((c) => c.horizontalSampling)).toEqual([1, 1, 1]);
      const random = createRandom(quality * 100);
      // Every block: a random DC and a few random AC terms, some large (hard edges), so that clamping and rounding both occur.
      for (const component of jpeg.components) {
        const quant = jpeg.quantTables.get(component.quantTableId)!;
        for (let block = 0; block < component.blocksPerLine * component.blocksPerColumn; block++) {
          const offset = block * 64;
          component.coefficients.fill(0, offset, offset + 64);
          component.coefficients[offset] = Math.round(((random() - 0.5) * 1400) / quant[0]);
          for (let term = 0; term < 6; term++) {
            const k = 1 + Math.floor(random() * 63);
            component.coefficients[offset + k] = Math.round(((random() - 0.5) * (random() < 0.3 ? 900 : 120)) / quant[k]);
          }
        }
      }
      const decoded = await codec.decodeBytes(writeBaselineJpeg(jpeg));
      const planes = jpeg.components.map(() => new Uint8Array(64));
      const rgb = new Uint8Array(3);
      let mismatches = 0;
      let clamped = 0;
      const blocksPerLine = jpeg.components[0].blocksPerLine;
      for (let block = 0; block < blocksPerLine * jpeg.components[0].blocksPerColumn; block++) {
        jpeg.components.forEach((component, c) => inverseDctIslow(component.coefficients, block * 64, jpeg.quantTables.get(component.quantTableId)!, planes[c]));
        for (let p = 0; p < 64; p++) {
          if (planes[0][p] === 0 || planes[0][p] === 255) clamped++;
          const x = (block % blocksPerLine) * 8 + (p % 8);
          const y = Math.floor(block / blocksPerLine) * 8 + (p >> 3);
          convertYccToRgbIjg(planes[0][p], planes[1][p], planes[2][p], rgb, 0);
          const i = (y * width + x) * 4;
          if (rgb[0] !== decoded.data[i] || rgb[1] !== decoded.data[i + 1] || rgb[2] !== decoded.data[i + 2]) mismatches++;
        }
      }
      expect(clamped).toBeGreaterThan(50);
      expect(mismatches).toBe(0);
    }
  });

  it('at luma 255, gives white only for Cr 128 with Cb 128 or 129: the window the white rework aims at', () => {
    const rgb = new Uint8Array(3);
    const white: string[] = [];
    for (let cb = 120; cb <= 136; cb++) {
      for (let cr = 120; cr <= 136; cr++) {
        convertYccToRgbIjg(255, cb, cr, rgb, 0);
        if (rgb[0] === 255 && rgb[1] === 255 && rgb[2] === 255) white.push(`${cb},${cr}`);
      }
    }
    expect(white).toEqual(['128,128', '129,128']);
  });
});
