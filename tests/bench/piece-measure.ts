// What check-export's piece measure costs and how far its sample moves the figures: for each picture of a bench run
// (its `.jpg` and the `.cutout.png` beside it, whose alpha is the piece's), measurePieceStatistics over every pixel
// and over every second pixel of every second row (as check-export samples), timed in Node, and the largest
// difference between the two in median L*, 95th-percentile L* and the metal's b*.
// Usage: npx tsx tests/bench/piece-measure.ts DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSortedMedian, sortAscending } from '../../src/core/statistics';
import { readAlphaAsMask } from '../../src/core/cutout';
import { measurePieceStatistics } from '../../src/quality';
import { decodeJpeg, decodePng } from '../support/codecs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx tests/bench/piece-measure.ts DIR');
  process.exit(2);
}
const names = readdirSync(dir).filter((name) => name.endsWith('.cutout.png')).map((name) => name.slice(0, -'.cutout.png'.length)).sort();
const wholeMs: number[] = [];
const sampledMs: number[] = [];
const worst = { medianL: 0, p95L: 0, metalB: 0 };
for (const name of names) {
  const picture = decodeJpeg(readFileSync(join(dir, `${name}.jpg`)));
  const alpha = readAlphaAsMask(decodePng(readFileSync(join(dir, `${name}.cutout.png`))));
  let start = performance.now();
  const whole = measurePieceStatistics(picture, alpha, 127, 1);
  wholeMs.push(performance.now() - start);
  start = performance.now();
  const sampled = measurePieceStatistics(picture, alpha, 127, 2);
  sampledMs.push(performance.now() - start);
  if (!whole || !sampled) continue;
  for (const key of ['medianL', 'p95L', 'metalB'] as const) worst[key] = Math.max(worst[key], Math.abs(whole[key] - sampled[key]));
}
const median = (values: number[]) => readSortedMedian(sortAscending(values)).toFixed(0);
console.log(`${names.length} pictures: every pixel ${median(wholeMs)} ms median, sampled ${median(sampledMs)} ms; largest difference median L* ${worst.medianL.toFixed(3)}, p95 L* ${worst.p95L.toFixed(3)}, metal b* ${worst.metalB.toFixed(3)}`);
