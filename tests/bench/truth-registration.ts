// Do the hand-drawn truth masks sit on the photo? For each photo of a bench run that has a truth mask
// (`<photos>/masks/NAME.png`), fits the scale (about the truth's centroid) and shift that best lay the truth mask
// on the run's own mask (`NAME.mask.png`), and prints the IoU as measured and after that fit, and, for comparison,
// with our mask grown by the best number of px instead (an outline drawn wide of the piece, rather than scaled up,
// would fit that better: on a ring the two move the hole's edge opposite ways). Look at the photo with both edges
// drawn (--crops) to tell which mask is off.
// Usage: npx tsx tests/bench/truth-registration.ts RUN_DIR PHOTOS_DIR [--crops OUT_DIR]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBinaryPlaneWhere, dilateBinary } from '../../src/core/binary-morphology';
import { readGreyAsMask, readTruthMask } from '../../src/core/cutout';
import { expandRect, intersectRects, type Rect } from '../../src/core/geometry';
import { createMask, type Mask, type RgbaImage } from '../../src/core/image';
import { computeMaskBoundingBox } from '../../src/core/mask-ops';
import { resizeMask } from '../../src/core/resize';
import { measureMaskAccuracy } from '../../src/quality/mask-accuracy';
import { decodeJpeg, decodePng, encodePng } from '../support/codecs';

const args = process.argv.slice(2);
const cropsAt = args.indexOf('--crops');
const cropsDir = cropsAt >= 0 ? args[cropsAt + 1] : null;
const [runDir, photosDir] = args.filter((arg, i) => !arg.startsWith('--') && (cropsAt < 0 || i !== cropsAt + 1));
if (!runDir || !photosDir || (cropsAt >= 0 && (!cropsDir || cropsDir.startsWith('--')))) {
  console.error('usage: npx tsx tests/bench/truth-registration.ts RUN_DIR PHOTOS_DIR [--crops OUT_DIR]');
  process.exit(2);
}

interface Fit {
  scale: number;
  shiftX: number;
  shiftY: number;
}

/** The mask binarised at 50 %, in place: 255 or 0. */
function binarise(mask: Mask): Mask {
  for (let i = 0; i < mask.data.length; i++) mask.data[i] = mask.data[i] > 127 ? 255 : 0;
  return mask;
}

/** Where the fit reads the truth for pixel (x, y): truth(centre + (x − centre)·scale + shift); −1 outside it. */
function sourceIndex(truth: Mask, centre: { x: number; y: number }, { scale, shiftX, shiftY }: Fit, x: number, y: number): number {
  const sourceX = Math.round(centre.x + (x - centre.x) * scale + shiftX);
  const sourceY = Math.round(centre.y + (y - centre.y) * scale + shiftY);
  return sourceX >= 0 && sourceY >= 0 && sourceX < truth.width && sourceY < truth.height ? sourceY * truth.width + sourceX : -1;
}

/** The truth as the fit lays it. */
function warp(truth: Mask, centre: { x: number; y: number }, fit: Fit): Mask {
  const out = createMask(truth.width, truth.height);
  for (let y = 0; y < truth.height; y++) {
    for (let x = 0; x < truth.width; x++) {
      const k = sourceIndex(truth, centre, fit, x, y);
      if (k >= 0) out.data[y * truth.width + x] = truth.data[k];
    }
  }
  return out;
}

/**
 * IoU on every `step`-th pixel of every `step`-th row (the search's cheap estimate), counted within `box`: outside
 * it both masks are empty for every fit the search tries.
 */
function sampledIoU(ours: Mask, truth: Mask, centre: { x: number; y: number }, fit: Fit, step: number, box: Rect): number {
  let intersection = 0;
  let union = 0;
  const x0 = box.x - (box.x % step);
  for (let y = box.y - (box.y % step); y < box.y + box.height; y += step) {
    for (let x = x0; x < box.x + box.width; x += step) {
      const k = sourceIndex(truth, centre, fit, x, y);
      const isTruth = k >= 0 && truth.data[k] > 0;
      const isOurs = ours.data[y * truth.width + x] > 0;
      if (isTruth && isOurs) intersection++;
      if (isTruth || isOurs) union++;
    }
  }
  return union === 0 ? 0 : intersection / union;
}

/** Grid search, coarse then fine: scale 0.90..1.10 (±0.1125 in all), shift ±20 px (±22). */
function fitTruth(ours: Mask, truth: Mask, centre: { x: number; y: number }): Fit {
  // A truth pixel at distance r from the centre lands within 0.13·r + 25 px of where it is: the box both live in.
  const truthBox = computeMaskBoundingBox(truth, 0)!;
  const reach = Math.ceil(0.13 * Math.max(truth.width, truth.height) + 25);
  const around = expandRect(truthBox, reach);
  const oursBox = computeMaskBoundingBox(ours, 0) ?? around;
  const x0 = Math.min(around.x, oursBox.x);
  const y0 = Math.min(around.y, oursBox.y);
  const union = { x: x0, y: y0, width: Math.max(around.x + around.width, oursBox.x + oursBox.width) - x0, height: Math.max(around.y + around.height, oursBox.y + oursBox.height) - y0 };
  const box = intersectRects(union, { x: 0, y: 0, width: truth.width, height: truth.height })!;
  let best: Fit = { scale: 1, shiftX: 0, shiftY: 0 };
  let bestIoU = sampledIoU(ours, truth, centre, best, 2, box);
  const search = (scales: number[], shifts: number[], around: Fit) => {
    for (const scale of scales) {
      for (const dx of shifts) {
        for (const dy of shifts) {
          const fit = { scale: around.scale + scale, shiftX: around.shiftX + dx, shiftY: around.shiftY + dy };
          const iou = sampledIoU(ours, truth, centre, fit, 2, box);
          if (iou > bestIoU) {
            bestIoU = iou;
            best = fit;
          }
        }
      }
    }
  };
  const range = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);
  search(range(-0.1, 0.1, 0.01), range(-20, 20, 2), best);
  search(range(-0.01, 0.01, 0.0025), range(-2, 2, 1), { ...best });
  return best;
}

/** The photo around (x, y), 4× enlarged, with the run's mask edge in blue and the truth's in red. */
function drawEdges(photo: RgbaImage, ours: Mask, truth: Mask, x0: number, y0: number, radius: number): RgbaImage {
  const size = 2 * radius;
  const zoom = 4;
  const out: RgbaImage = { width: size * zoom, height: size * zoom, data: new Uint8ClampedArray(size * size * zoom * zoom * 4) };
  const isEdge = (mask: Mask, x: number, y: number) => {
    const at = (u: number, v: number) => mask.data[Math.min(mask.height - 1, v) * mask.width + Math.min(mask.width - 1, u)] > 0;
    return at(x, y) !== at(x + 1, y) || at(x, y) !== at(x, y + 1);
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = Math.min(photo.width - 1, Math.max(0, x0 - radius + x));
      const py = Math.min(photo.height - 1, Math.max(0, y0 - radius + y));
      const i = (py * photo.width + px) * 4;
      let colour = [photo.data[i], photo.data[i + 1], photo.data[i + 2]];
      if (isEdge(ours, px, py)) colour = [0, 0, 255];
      if (isEdge(truth, px, py)) colour = [255, 0, 0];
      for (let sy = 0; sy < zoom; sy++) {
        for (let sx = 0; sx < zoom; sx++) {
          const o = ((y * zoom + sy) * out.width + x * zoom + sx) * 4;
          out.data.set([colour[0], colour[1], colour[2], 255], o);
        }
      }
    }
  }
  return out;
}

const masksDir = join(photosDir, 'masks');
const names = readdirSync(masksDir).filter((name) => name.endsWith('.png')).map((name) => name.slice(0, -4)).filter((name) => existsSync(join(runDir, `${name}.mask.png`))).sort();
if (cropsDir) mkdirSync(cropsDir, { recursive: true });
const measured: number[] = [];
const fitted: number[] = [];
for (const name of names) {
  const ours = binarise(readGreyAsMask(decodePng(readFileSync(join(runDir, `${name}.mask.png`)))));
  // As the bench reads it (grey, or the alpha channel when the PNG has transparency), binarised at 50 %.
  let truth = readTruthMask(decodePng(readFileSync(join(masksDir, `${name}.png`))));
  if (truth.width !== ours.width || truth.height !== ours.height) truth = resizeMask(truth, ours.width, ours.height);
  binarise(truth);
  const centre = { x: 0, y: 0 };
  let count = 0;
  for (let i = 0; i < truth.data.length; i++) {
    if (truth.data[i] === 0) continue;
    centre.x += i % truth.width;
    centre.y += Math.floor(i / truth.width);
    count++;
  }
  centre.x /= count;
  centre.y /= count;
  const fit = fitTruth(ours, truth, centre);
  const before = measureMaskAccuracy(ours, truth).iou;
  const after = measureMaskAccuracy(ours, warp(truth, centre, fit)).iou;
  measured.push(before);
  fitted.push(after);
  // The other explanation, an outline drawn a few px wide of the piece: our mask grown by d px (a ring's hole shrinks).
  let grown = { d: 0, iou: before };
  let dilated = createBinaryPlaneWhere(ours.width, ours.height, (k) => ours.data[k] > 0);
  for (let d = 1; d <= 24; d++) {
    dilated = dilateBinary(dilated, 1); // square dilations add up: d steps of 1 px are one of d px
    const iou = measureMaskAccuracy({ width: ours.width, height: ours.height, data: dilated.data.map((v) => v * 255) }, truth).iou;
    if (iou > grown.iou) grown = { d, iou };
  }
  // Laid on by reading it `scale` times further out (and `shift` over): the truth is drawn `scale` times as large.
  console.log(
    `${name.padEnd(52)} IoU ${before.toFixed(3)} → ${after.toFixed(3)}: the truth is ×${fit.scale.toFixed(3)} the size, shifted (${fit.shiftX}, ${fit.shiftY}) px` +
      ` (our mask grown ${grown.d} px instead: ${grown.iou.toFixed(3)})`,
  );
  const photoPath = join(photosDir, `${name}.jpg`);
  if (cropsDir && existsSync(photoPath)) {
    // Read without EXIF rotation or downscaling: only drawn when it lines up with the masks.
    const photo = decodeJpeg(readFileSync(photoPath));
    if (photo.width !== truth.width || photo.height !== truth.height) {
      console.log(`  (no crops: the photo decodes to ${photo.width}×${photo.height} here, the masks are ${truth.width}×${truth.height})`);
      continue;
    }
    // The truth's leftmost and rightmost pixels on its fullest row: the outer edges a misfit moves most.
    let row = 0;
    let fullest = -1;
    for (let y = 0; y < truth.height; y++) {
      let count = 0;
      for (let x = 0; x < truth.width; x++) if (truth.data[y * truth.width + x]) count++;
      if (count > fullest) {
        fullest = count;
        row = y;
      }
    }
    let left = truth.width;
    let right = 0;
    for (let x = 0; x < truth.width; x++) {
      if (truth.data[row * truth.width + x] === 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
    const radius = Math.max(24, Math.round(0.03 * Math.hypot(truth.width, truth.height)));
    writeFileSync(join(cropsDir, `${name}.left.png`), encodePng(drawEdges(photo, ours, truth, left, row, radius)));
    writeFileSync(join(cropsDir, `${name}.right.png`), encodePng(drawEdges(photo, ours, truth, right, row, radius)));
  }
}
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
console.log(`${names.length} truth masks: mean IoU ${mean(measured).toFixed(3)} as measured, ${mean(fitted).toFixed(3)} once each truth is laid on by its fit`);

