// Runs in: the retouch command's headless page. Draws contact-sheet rows (photo | mask | finished picture) and stacks them.
import { renderMaskAsImage } from '../core/cutout';
import type { RgbaImage } from '../core/image';
import { resizeImage, resizeMask } from '../core/resize';
import type { MeasuredPictures } from './measure-result';

const cellPx = 240;
const gapPx = 8;
const labelPx = 22;
const rowWidthPx = 3 * cellPx + 4 * gapPx;
const rowHeightPx = labelPx + cellPx + gapPx;

function fitInCell(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(cellPx / width, cellPx / height, 1);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function drawCell(context: OffscreenCanvasRenderingContext2D, image: RgbaImage, column: number): void {
  const x = gapPx + column * (cellPx + gapPx);
  const pixels = new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
  context.putImageData(pixels, x + Math.floor((cellPx - image.width) / 2), labelPx + Math.floor((cellPx - image.height) / 2));
}

/** One row: the file name, then the photo, its mask and the finished picture, each fitted in a 240 px cell. */
export async function renderSheetRow(name: string, pictures: MeasuredPictures): Promise<Blob> {
  const canvas = new OffscreenCanvas(rowWidthPx, rowHeightPx);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas for the contact sheet.');
  context.fillStyle = '#d8d8d8';
  context.fillRect(0, 0, rowWidthPx, rowHeightPx);
  context.fillStyle = '#1a1a1a';
  context.font = '14px sans-serif';
  context.fillText(name, gapPx, 16, rowWidthPx - 2 * gapPx);
  const photoSize = fitInCell(pictures.photo.width, pictures.photo.height);
  drawCell(context, resizeImage(pictures.photo, photoSize.width, photoSize.height), 0);
  drawCell(context, renderMaskAsImage(resizeMask(pictures.mask, photoSize.width, photoSize.height)), 1);
  const outputSize = fitInCell(pictures.output.width, pictures.output.height);
  drawCell(context, resizeImage(pictures.output, outputSize.width, outputSize.height), 2);
  return canvas.convertToBlob({ type: 'image/png' });
}

/** Stacks rows (as drawn by `renderSheetRow`) into one JPEG. */
export async function renderContactSheet(rows: readonly Blob[]): Promise<Blob> {
  const canvas = new OffscreenCanvas(rowWidthPx, Math.max(1, rows.length) * rowHeightPx);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas for the contact sheet.');
  for (const [index, row] of rows.entries()) {
    const bitmap = await createImageBitmap(row);
    context.drawImage(bitmap, 0, index * rowHeightPx);
    bitmap.close();
  }
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
}
