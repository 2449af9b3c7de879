// How white the background of finished JPEGs is, to the pixel: for each picture of a bench run (its `.jpg` and the
// `.cutout.png` beside it), the background pixels (alpha 0 in the cut-out) that MozJPEG's decoder — the IJG
// arithmetic of Chrome, Firefox and Pillow — does not give as (255, 255, 255), how far off they are, and the file's
// size. With --rework, also re-encodes the cut-out over white in Node and reworks it (keepJpegWhitePure), printing
// the rework's report and time: the figures behind the encode notes in tests/bench/README.md.
// Usage: npx tsx tests/bench/white-check.ts DIR [--rework]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createMask, type Mask } from '../../src/core/image';
import { chooseMozJpegOptions } from '../../src/core/jpeg-options';
import { keepJpegWhitePure } from '../../src/core/jpeg-pure-white';
import { decodePng } from '../support/codecs';
import { startMozJpegInNode } from '../support/mozjpeg-node';

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--'));
if (!dir) {
  console.error('usage: npx tsx tests/bench/white-check.ts DIR [--rework]');
  process.exit(2);
}
const isRework = args.includes('--rework');
const codec = await startMozJpegInNode();
const names = readdirSync(dir).filter((name) => name.endsWith('.cutout.png')).map((name) => name.slice(0, -'.cutout.png'.length)).sort();

const shortfalls = new Map<number, number>();
let backgroundPx = 0;
let impurePx = 0;
let exactPictures = 0;
const sizesKb: number[] = [];
const rework = { exact: 0, unsolved: [] as number[], ms: [] as number[] };
for (const name of names) {
  const cutout = decodePng(readFileSync(join(dir, `${name}.cutout.png`)));
  const jpegPath = join(dir, `${name}.jpg`);
  const decoded = await codec.decodeBytes(readFileSync(jpegPath));
  const background: Mask = createMask(cutout.width, cutout.height);
  let impure = 0;
  for (let i = 0; i < background.data.length; i++) {
    if (cutout.data[i * 4 + 3] !== 0) continue;
    background.data[i] = 255;
    backgroundPx++;
    const shortfall = 255 - Math.min(decoded.data[i * 4], decoded.data[i * 4 + 1], decoded.data[i * 4 + 2]);
    if (shortfall === 0) continue;
    impure++;
    shortfalls.set(shortfall, (shortfalls.get(shortfall) ?? 0) + 1);
  }
  impurePx += impure;
  if (impure === 0) exactPictures++;
  sizesKb.push(statSync(jpegPath).size / 1024);
  let line = `${String(impure).padStart(6)} impure  ${sizesKb.at(-1)!.toFixed(0).padStart(5)} KB  ${name}`;
  if (isRework) {
    // The cut-out over white: the white look's picture before encoding (no shadow).
    const picture = new Uint8ClampedArray(cutout.data.length);
    for (let i = 0; i < background.data.length; i++) {
      const alpha = cutout.data[i * 4 + 3];
      for (let c = 0; c < 3; c++) picture[i * 4 + c] = Math.round((cutout.data[i * 4 + c] * alpha + 255 * (255 - alpha)) / 255);
      picture[i * 4 + 3] = 255;
    }
    const pieceAlpha = createMask(cutout.width, cutout.height);
    for (let i = 0; i < pieceAlpha.data.length; i++) pieceAlpha.data[i] = cutout.data[i * 4 + 3];
    const encoded = new Uint8Array(await codec.encode(new ImageData(picture, cutout.width, cutout.height), chooseMozJpegOptions(0.92, { isWhiteKeptPure: true })));
    const started = performance.now();
    const { report } = await keepJpegWhitePure(encoded, background, (bytes) => codec.decodeBytes(bytes), { pieceAlpha });
    rework.ms.push(performance.now() - started);
    if (report.impurePxAfter === 0) rework.exact++;
    else rework.unsolved.push(report.unsolvedBlocks);
    line += `  | rework ${rework.ms.at(-1)!.toFixed(0)} ms: ${report.impurePxBefore} → ${report.impurePxAfter} impure, ${report.reworkedBlocks} blocks (${report.desaturatedBlocks} less colour, ${report.unsolvedBlocks} left)`;
  }
  console.log(line);
}
const byShortfall = [...shortfalls].sort(([a], [b]) => a - b).map(([levels, count]) => `${count} at ${levels}`).join(', ');
console.log(`${names.length} pictures: ${exactPictures} exact; ${impurePx} of ${backgroundPx} background pixels off white (${byShortfall || 'none'}); size mean ${(sizesKb.reduce((a, b) => a + b, 0) / Math.max(1, sizesKb.length)).toFixed(0)} KB, max ${Math.max(0, ...sizesKb).toFixed(0)} KB`);
if (isRework) {
  const sorted = [...rework.ms].sort((a, b) => a - b);
  console.log(`rework in Node: ${rework.exact} of ${names.length} exact; the others leave ${rework.unsolved.length ? `${Math.min(...rework.unsolved)}..${Math.max(...rework.unsolved)}` : 'no'} blocks off; time median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`);
}
