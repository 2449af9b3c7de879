// In-browser benchmark: the real app retouches a generated 12 MP photo (and, with BENCH_PHOTOS=DIR, a
// folder of photos) on WASM; prints each stage's time per image and the peak memory of Chromium.
// Run: npm run bench:browser   (or BENCH_PHOTOS=../shared/corpus/photos BENCH_OUT=/tmp/out npm run bench:browser)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import { encodeJpeg } from '../support/codecs';
import { renderRingScene } from '../support/ring-scene';
import { addPhotos, createBatch, openFreshApp, processAll } from '../e2e/support/app';
import type { PhotoFile } from '../e2e/support/photos';
import { samplePeakMemory } from './process-memory';

function loadPhotos(): PhotoFile[] {
  const folder = process.env.BENCH_PHOTOS;
  if (folder) {
    return readdirSync(folder)
      .filter((name) => /\.(jpe?g|png|webp)$/i.test(name))
      .map((name) => ({ name, mimeType: name.endsWith('.webp') ? 'image/webp' : name.endsWith('.png') ? 'image/png' : 'image/jpeg', buffer: readFileSync(join(folder, name)) }));
  }
  const scene = renderRingScene({ widthPx: 4000, heightPx: 3000, seed: 7, metal: 'silver', backdrop: 'linen' });
  return [{ name: 'generated-12mp-ring.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(encodeJpeg(scene.image, 92)) }];
}

test('stage times and peak memory', async ({ page }) => {
  const photos = loadPhotos();
  const memory = samplePeakMemory();
  await openFreshApp(page);
  await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 120_000 });
  const backend = await page.getByTestId('backend').innerText();
  await createBatch(page, 'Bench');
  await addPhotos(page, photos);
  await processAll(page, 60 * 60_000);
  const peakBytes = memory.stop();

  const records = await page.evaluate(async () => {
    const request = indexedDB.open('lustre');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = db.transaction('images').objectStore('images').getAll();
    return new Promise<{ name: string; status: string; result?: { timings: { stageId: string; durationMs: number }[]; decodeInfo: unknown } }[]>((resolve) => {
      all.onsuccess = () => resolve(all.result);
    });
  });
  console.log(`\n${backend.replace(/\s+/g, ' ')}`);
  const stageIds = records.find((r) => r.result)?.result?.timings.map((t) => t.stageId) ?? [];
  console.log(['image'.padEnd(52), ...stageIds.map((id) => id.padStart(12)), 'total'.padStart(10)].join(''));
  for (const record of records) {
    if (!record.result) {
      console.log(`${record.name.padEnd(52)} ${record.status}`);
      continue;
    }
    const total = record.result.timings.reduce((sum, t) => sum + t.durationMs, 0);
    console.log([record.name.slice(0, 51).padEnd(52), ...record.result.timings.map((t) => `${Math.round(t.durationMs)}`.padStart(12)), `${Math.round(total)}`.padStart(10)].join(''));
  }
  console.log(`peak RSS of all Chromium processes: ${(peakBytes / 2 ** 20).toFixed(0)} MiB\n`);

  const outDir = process.env.BENCH_OUT;
  if (outDir) {
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export ZIP/ }).click();
    const zip = await JSZip.loadAsync(readFileSync(await (await downloadPromise).path()));
    mkdirSync(outDir, { recursive: true });
    for (const entry of Object.values(zip.files)) writeFileSync(join(outDir, entry.name), await entry.async('nodebuffer'));
    console.log(`results written to ${outDir}`);
  }
});
