// What a transparent cut-out costs a photo when the batch asks for them: for each `.cutout.png` of a bench run (the
// same full-size cut-out the app stores), its size on disk against its picture's, and the time Chromium takes to
// encode its pixels as PNG the way the retouch worker does (putImageData on an OffscreenCanvas, convertToBlob).
// Usage: npx tsx tests/bench/cutout-cost.ts DIR
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../src/cli/chromium';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npx tsx tests/bench/cutout-cost.ts DIR');
  process.exit(2);
}
const names = readdirSync(dir).filter((name) => name.endsWith('.cutout.png')).map((name) => name.slice(0, -'.cutout.png'.length)).sort();
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
const page = await browser.newPage();
const encodeMs: number[] = [];
let cutoutBytes = 0;
let pictureBytes = 0;
for (const name of names) {
  const path = join(dir, `${name}.cutout.png`);
  cutoutBytes += statSync(path).size;
  pictureBytes += statSync(join(dir, `${name}.jpg`)).size;
  encodeMs.push(
    await page.evaluate(async (base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
      const source = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      source.drawImage(bitmap, 0, 0);
      const pixels = source.getImageData(0, 0, bitmap.width, bitmap.height);
      const start = performance.now();
      const canvas = new OffscreenCanvas(pixels.width, pixels.height);
      canvas.getContext('2d', { colorSpace: 'srgb' })!.putImageData(pixels, 0, 0);
      await canvas.convertToBlob({ type: 'image/png', quality: 1 });
      return performance.now() - start;
    }, readFileSync(path).toString('base64')),
  );
}
await browser.close();
encodeMs.sort((a, b) => a - b);
const rank = (share: number) => encodeMs[Math.max(0, Math.ceil(share * encodeMs.length) - 1)];
const mb = (bytes: number) => (bytes / names.length / 1e6).toFixed(2);
console.log(`${names.length} cut-outs: ${mb(cutoutBytes)} MB on average (pictures ${mb(pictureBytes)} MB); PNG encode median ${rank(0.5).toFixed(0)} ms, p90 ${rank(0.9).toFixed(0)} ms, max ${rank(1).toFixed(0)} ms`);
