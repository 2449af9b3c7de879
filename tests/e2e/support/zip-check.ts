// Opens an exported ZIP: measures each image (size, corner purity, where the piece sits) and reads its manifest.
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { decodeJpeg } from '../../support/codecs';
import { findNonWhiteBox, type PixelBox } from '../../support/non-white-box';

export interface ExportedImage {
  name: string;
  width: number;
  height: number;
  /** The four corner pixels, RGB. */
  corners: [number, number, number][];
  /** Bounding box of pixels that are clearly not white (any channel < 235). */
  pieceBox: PixelBox | null;
}

/** The ZIP's manifest.csv as rows of fields (header first), split simply: the specs' names hold no comma or quote. */
export async function readExportedManifest(path: string): Promise<string[][]> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const csv = await zip.file('manifest.csv')?.async('string');
  if (csv === undefined) throw new Error('The ZIP has no manifest.csv');
  return csv
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));
}

/** The ZIP's pictures (every entry but the manifest), measured. */
export async function readExportedZip(path: string): Promise<ExportedImage[]> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const images: ExportedImage[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || entry.name === 'manifest.csv') continue;
    const image = decodeJpeg(await entry.async('uint8array'));
    const { width, height, data } = image;
    const pixel = (x: number, y: number): [number, number, number] => {
      const i = (y * width + x) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    };
    images.push({
      name: entry.name,
      width,
      height,
      corners: [pixel(0, 0), pixel(width - 1, 0), pixel(0, height - 1), pixel(width - 1, height - 1)],
      pieceBox: findNonWhiteBox(image, 20),
    });
  }
  return images;
}
