// Opens an exported ZIP: measures each image (size, corner purity, where the piece sits) and each cut-out, and reads its manifest.
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { readAlphaAsMask } from '../../../src/core/cutout';
import { computeMaskBoundingBox } from '../../../src/core/mask-ops';
import { decodeJpeg, decodePng } from '../../support/codecs';
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

export interface ExportedCutout {
  name: string;
  width: number;
  height: number;
  /** The four corner pixels' alpha. */
  cornerAlphas: number[];
  /** Bounding box of the pixels more than half opaque. */
  opaqueBox: PixelBox | null;
}

/** The ZIP's transparent cut-outs (cutouts/*.png), measured. */
export async function readExportedCutouts(path: string): Promise<ExportedCutout[]> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const cutouts: ExportedCutout[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !entry.name.startsWith('cutouts/')) continue;
    const alpha = readAlphaAsMask(decodePng(await entry.async('uint8array')));
    const { width, height, data } = alpha;
    const cornerAlphas = [data[0], data[width - 1], data[(height - 1) * width], data[height * width - 1]];
    cutouts.push({ name: entry.name, width, height, cornerAlphas, opaqueBox: computeMaskBoundingBox(alpha) });
  }
  return cutouts;
}

/** How far a cut-out's fully opaque pixels are from its picture's (mean absolute level over RGB), and how many there are. */
export async function compareCutoutWithPicture(path: string, cutoutName: string, pictureName: string): Promise<{ meanLevels: number; opaquePx: number }> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const cutout = decodePng(await zip.file(cutoutName)!.async('uint8array'));
  const picture = decodeJpeg(await zip.file(pictureName)!.async('uint8array'));
  let sum = 0;
  let opaquePx = 0;
  for (let i = 0; i < cutout.width * cutout.height; i++) {
    if (cutout.data[i * 4 + 3] !== 255) continue;
    for (let c = 0; c < 3; c++) sum += Math.abs(cutout.data[i * 4 + c] - picture.data[i * 4 + c]);
    opaquePx++;
  }
  return { meanLevels: opaquePx ? sum / (3 * opaquePx) : Infinity, opaquePx };
}

/** The ZIP's pictures (every entry but the manifest and the cut-outs), measured. */
export async function readExportedZip(path: string): Promise<ExportedImage[]> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const images: ExportedImage[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || entry.name === 'manifest.csv' || entry.name.startsWith('cutouts/')) continue;
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
