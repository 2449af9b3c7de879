// Image headers: format sniffing, sizes, EXIF orientation, and the pixel budget.
import { describe, expect, it } from 'vitest';
import { detectImageFormat, fitPixelBudget, orientedSize, readImageHeader } from './image-header';

function jpegWithOrientation(width: number, height: number, orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0, 0, 0];
  const exif = [...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0], tiff);
  const app1 = [0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 255, ...exif];
  const sof = [0xff, 0xc0, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0];
  return new Uint8Array([0xff, 0xd8, ...app1, ...sof, 0xff, 0xd9]);
}

function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, width);
  new DataView(bytes.buffer).setUint32(20, height);
  return bytes;
}

describe('readImageHeader', () => {
  it('reads a JPEG size and its EXIF orientation', () => {
    const header = readImageHeader(jpegWithOrientation(4000, 3000, 6));
    expect(header).toEqual({ format: 'jpeg', width: 4000, height: 3000, orientation: 6 });
    expect(orientedSize(header)).toEqual({ width: 3000, height: 4000 });
  });
  it('reads a PNG size', () => {
    expect(readImageHeader(png(640, 480))).toMatchObject({ format: 'png', width: 640, height: 480, orientation: 1 });
  });
  it('recognises HEIC and rejects text', () => {
    const heic = new Uint8Array([0, 0, 0, 24, ...[...'ftypheic'].map((c) => c.charCodeAt(0))]);
    expect(detectImageFormat(heic)).toBe('heic');
    expect(readImageHeader(new TextEncoder().encode('hello, not a photo')).format).toBe('unknown');
  });
  it('still reads the size when the EXIF block is damaged', () => {
    const bytes = jpegWithOrientation(6000, 4000, 6);
    bytes[14 + 4] = 0x7f; // IFD offset far past the end of the file
    expect(readImageHeader(bytes)).toMatchObject({ format: 'jpeg', width: 6000, height: 4000, orientation: 1 });
  });
  it('survives a truncated header', () => {
    const header = readImageHeader(jpegWithOrientation(10, 10, 1).subarray(0, 12));
    expect(header.format).toBe('jpeg');
    expect(header.width).toBe(0);
  });
});

describe('fitPixelBudget', () => {
  it('keeps photos within the budget and the aspect ratio', () => {
    expect(fitPixelBudget(4000, 3000, 24e6)).toEqual({ width: 4000, height: 3000 });
    const fitted = fitPixelBudget(8000, 6000, 24e6);
    expect(fitted.width * fitted.height).toBeLessThanOrEqual(24e6);
    expect(fitted.width / fitted.height).toBeCloseTo(4 / 3, 3);
    expect(fitted.width).toBeGreaterThan(5600);
  });
});
