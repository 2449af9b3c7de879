// Opens an exported ZIP and measures each image: size, corner purity, where the piece sits.
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { decodeJpeg } from '../../support/codecs';

export interface ExportedImage {
  name: string;
  width: number;
  height: number;
  /** The four corner pixels, RGB. */
  corners: [number, number, number][];
  /** Bounding box of pixels that are clearly not white (any channel < 235). */
  pieceBox: { x0: number; y0: number; x1: number; y1: number } | null;
}

export async function readExportedZip(path: string): Promise<ExportedImage[]> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const images: ExportedImage[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const image = decodeJpeg(await entry.async('uint8array'));
    const { width, height, data } = image;
    const pixel = (x: number, y: number): [number, number, number] => {
      const i = (y * width + x) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    };
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
    }
    images.push({
      name: entry.name,
      width,
      height,
      corners: [pixel(0, 0), pixel(width - 1, 0), pixel(0, height - 1), pixel(width - 1, height - 1)],
      pieceBox: x1 >= 0 ? { x0, y0, x1, y1 } : null,
    });
  }
  return images;
}
