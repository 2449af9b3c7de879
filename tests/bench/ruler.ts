// A ruler on finished JPEGs of a white look: where the piece sits as a viewer sees it, with no mask — the bounding
// box of the pixels more than N levels below white. Prints each picture's fill and centre offset, then the range.
// Usage: npx tsx tests/bench/ruler.ts DIR [--levels 10]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJpeg } from '../support/codecs';
import { findNonWhiteBox } from '../support/non-white-box';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const dir = args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!dir) {
  console.error('usage: npx tsx tests/bench/ruler.ts DIR [--levels 10]');
  process.exit(2);
}
const levels = Number(option('--levels', '10'));
const files = readdirSync(dir).filter((name) => /\.jpe?g$/i.test(name) && !name.startsWith('contact-sheet')).sort();
const fills: number[] = [];
const offsets: number[] = [];
for (const name of files) {
  const picture = decodeJpeg(readFileSync(join(dir, name)));
  const box = findNonWhiteBox(picture, levels);
  if (!box) {
    console.log(`${name}: nothing differs by more than ${levels} levels`);
    continue;
  }
  const fill = Math.max(box.width / picture.width, box.height / picture.height) * 100;
  const offset = Math.max(Math.abs(box.x + box.width / 2 - picture.width / 2), Math.abs(box.y + box.height / 2 - picture.height / 2));
  fills.push(fill);
  offsets.push(offset);
  console.log(`${fill.toFixed(2).padStart(6)} %  centre off ${offset.toFixed(1).padStart(6)} px  ${name}`);
}
if (fills.length) {
  console.log(`${fills.length} pictures, ruler at ${levels} levels: fill ${Math.min(...fills).toFixed(2)}..${Math.max(...fills).toFixed(2)} %, centre off by up to ${Math.max(...offsets).toFixed(1)} px`);
}
