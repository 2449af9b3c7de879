// How far a change moved the finished pieces: for each picture in two bench runs (the `.jpg` and the `.cutout.png`
// beside it, whose alpha is the piece's), measurePieceStatistics over every pixel of both, and the largest moves of
// the piece's 95th-percentile L* (its highlights), its median L* and its metal's b*, with the photos they are on.
// Usage: npx tsx tests/bench/piece-shift.ts BEFORE_DIR AFTER_DIR
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAlphaAsMask } from '../../src/core/cutout';
import { measurePieceStatistics, type PieceStatistics } from '../../src/quality';
import { decodeJpeg, decodePng } from '../support/codecs';

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: npx tsx tests/bench/piece-shift.ts BEFORE_DIR AFTER_DIR');
  process.exit(2);
}
function measure(dir: string, name: string): PieceStatistics | null {
  const picture = decodeJpeg(readFileSync(join(dir, `${name}.jpg`)));
  return measurePieceStatistics(picture, readAlphaAsMask(decodePng(readFileSync(join(dir, `${name}.cutout.png`)))));
}
const names = readdirSync(after)
  .filter((name) => name.endsWith('.cutout.png') && existsSync(join(before, name)))
  .map((name) => name.slice(0, -'.cutout.png'.length))
  .sort();
const moves: Record<'p95L' | 'medianL' | 'metalB', { name: string; from: number; to: number }[]> = { p95L: [], medianL: [], metalB: [] };
for (const name of names) {
  const [was, now] = [measure(before, name), measure(after, name)];
  if (!was || !now) continue;
  for (const key of ['p95L', 'medianL', 'metalB'] as const) moves[key].push({ name, from: was[key], to: now[key] });
}
console.log(`${names.length} pictures in both runs`);
for (const [key, list] of Object.entries(moves)) {
  const sorted = list.sort((a, b) => a.to - a.from - (b.to - b.from));
  const show = (m: (typeof list)[number]) => `${(m.to - m.from).toFixed(2)} (${m.name}: ${m.from.toFixed(2)} → ${m.to.toFixed(2)})`;
  const largest = list.reduce((worst, m) => (Math.abs(m.to - m.from) > Math.abs(worst.to - worst.from) ? m : worst), list[0]);
  console.log(`${key}: from ${show(sorted[0])} to ${show(sorted[sorted.length - 1])}; largest |move| ${Math.abs(largest.to - largest.from).toFixed(2)}`);
}
