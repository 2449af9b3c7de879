// The retouch command (`npm run retouch`): a folder in, finished pictures and report.json out; and it agrees with the app.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import type { RetouchReport } from '../../src/cli/report';
import { pipelineStages } from '../../src/pipeline/stages';
import { decodeJpeg, encodePng, readJpegFrame } from '../support/codecs';
import { renderRingScene } from '../support/ring-scene';
import { renderChainScene } from '../support/chain-scene';
import { addPhotos, createBatch, openFreshApp, processAll } from './support/app';
import { makeCorruptPhoto } from './support/photos';
import { encodeJpeg } from '../support/codecs';
import { makeTempDir, removeTempDirs } from '../support/temp-dirs';

test.afterAll(removeTempDirs);

const root = fileURLToPath(new URL('../..', import.meta.url));

function runRetouch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'retouch', '--', ...args], { cwd: root, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Two generated photos with exact masks in masks/, and a truncated JPEG. */
function writeInputFolder(): string {
  const dir = makeTempDir('lustre-cli-in-');
  mkdirSync(join(dir, 'masks'));
  const scenes = {
    'ring-silver': renderRingScene({ widthPx: 900, heightPx: 700, seed: 11, metal: 'silver', backdrop: 'linen' }),
    'chain-gold': renderChainScene({ widthPx: 720, heightPx: 900, seed: 5 }),
  };
  for (const [name, scene] of Object.entries(scenes)) {
    writeFileSync(join(dir, `${name}.jpg`), encodeJpeg(scene.image, 92));
    writeFileSync(join(dir, 'masks', `${name}.png`), encodePng(scene.mask));
  }
  writeFileSync(join(dir, 'broken.jpg'), makeCorruptPhoto().buffer);
  return dir;
}

test('retouches a folder: two pictures, the corrupt photo named in the report, quality figures, exit 0', async () => {
  const input = writeInputFolder();
  const out = makeTempDir('lustre-cli-out-');
  const { code, stdout, stderr } = await runRetouch([input, '--out', out, '--quality', '--cutouts']);
  expect(code, stderr).toBe(0);

  const files = readdirSync(out).sort();
  expect(files).toEqual([
    'chain-gold.cutout.png',
    'chain-gold.jpg',
    'chain-gold.mask.png',
    'contact-sheet.jpg',
    'report.json',
    'ring-silver.cutout.png',
    'ring-silver.jpg',
    'ring-silver.mask.png',
  ]);
  for (const name of ['chain-gold.jpg', 'ring-silver.jpg']) {
    const bytes = readFileSync(join(out, name));
    // MozJPEG wrote it (baseline, 4:4:4 at quality 0.92), not the canvas fallback (4:2:0).
    expect(readJpegFrame(bytes), name).toEqual({ marker: 0xc0, samplingFactors: [0x11, 0x11, 0x11] });
    const picture = decodeJpeg(bytes);
    expect([picture.width, picture.height]).toEqual([2000, 2000]);
    expect(Array.from(picture.data.subarray(0, 3))).toEqual([255, 255, 255]);
  }

  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RetouchReport;
  expect(report.counts).toMatchObject({ photos: 3, done: 2, failed: 1, skipped: 0 });
  const broken = report.images.find((image) => image.name === 'broken')!;
  expect(broken.status).toBe('failed');
  expect(broken.error?.message).toMatch(/could not be decoded/);
  expect(stdout).toContain('failed: ');
  expect(stdout).toContain('broken.jpg');
  expect(report.engine).toMatchObject({ requestedBackend: 'wasm', backend: 'wasm' });
  expect(report.engine.sessionMs).toBeGreaterThan(0);
  expect(Object.keys(report.timing.stages)).toEqual(pipelineStages.map((stage) => stage.id));
  for (const image of report.images.filter((i) => i.status === 'done')) {
    expect(image.quality?.maskIoU, image.name).toBeGreaterThan(0.9);
    expect(Math.abs(image.quality!.fillErrorPoints!), image.name).toBeLessThanOrEqual(1);
    expect(image.quality?.backgroundPurityBeyondEdgeBand, image.name).toBe(1);
  }
  // The ring, about 390 px across in a 900 px photo, is enlarged over 4×: the upscaler ran in the worker, on its model.
  expect(report.images.find((image) => image.name === 'ring-silver')?.upscale).toEqual({ by: 'model', factor: 4 });
  expect(report.quality?.consistency.output.imageCount).toBe(2);
  expect(report.quality?.contactSheets).toEqual(['contact-sheet.jpg']);
});

test('an empty folder exits non-zero with a clear message', async () => {
  const empty = makeTempDir('lustre-cli-empty-');
  const { code, stderr } = await runRetouch([empty, '--out', join(empty, 'out')]);
  expect(code).toBe(1);
  expect(stderr).toContain('no photos found in');
});

test('bad arguments exit 2 with the usage', async () => {
  const { code, stderr } = await runRetouch(['somewhere', '--out', '/tmp/x', '--format', 'gif']);
  expect(code).toBe(2);
  expect(stderr).toContain('--format must be jpeg, png or webp');
  expect(stderr).toContain('Usage: npm run retouch');
});

test('the command and the app make the same picture from the same photo', async ({ page }) => {
  const scene = renderRingScene({ widthPx: 800, heightPx: 800, seed: 23, metal: 'gold', backdrop: 'wood', hasStone: true });
  const photo = { name: 'gold-ring-wood.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(encodeJpeg(scene.image, 92)) };
  const input = makeTempDir('lustre-cli-same-');
  writeFileSync(join(input, photo.name), photo.buffer);
  const out = join(input, 'out');
  const { code, stderr } = await runRetouch([join(input, photo.name), '--out', out]);
  expect(code, stderr).toBe(0);
  const fromCommand = decodeJpeg(readFileSync(join(out, 'gold-ring-wood.jpg')));

  await openFreshApp(page);
  await createBatch(page, 'Same');
  await addPhotos(page, [photo]);
  await processAll(page);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export ZIP/ }).click();
  const zip = await JSZip.loadAsync(readFileSync(await (await downloadPromise).path()));
  const fromApp = decodeJpeg(await zip.file('gold-ring-wood.jpg')!.async('uint8array'));

  // Same stages, model, look and encoder: the tolerance only allows for the model's multithreaded float sums.
  expect([fromCommand.width, fromCommand.height]).toEqual([fromApp.width, fromApp.height]);
  let sum = 0;
  let over4 = 0;
  for (let i = 0; i < fromApp.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const difference = Math.abs(fromApp.data[i + c] - fromCommand.data[i + c]);
      sum += difference;
      if (difference > 4) over4++;
    }
  }
  const meanDifference = sum / ((fromApp.data.length / 4) * 3);
  console.log(`command vs app: mean |difference| ${meanDifference.toFixed(4)} levels, ${over4} channel values differ by more than 4`);
  expect(meanDifference).toBeLessThanOrEqual(0.05);
  expect(over4 / ((fromApp.data.length / 4) * 3)).toBeLessThanOrEqual(1e-4);
});
