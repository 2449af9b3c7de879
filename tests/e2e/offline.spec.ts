// Offline: once the service worker controls the page and the model has run once, the app reloads with its server gone
// and the network off, reopens its batch and retouches a new photo. A damaged saved model is replaced.
import { expect, test } from '@playwright/test';
import { modelCacheName } from '../../src/models/model-cache';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import { makeSamplePhotos } from './support/photos';
import { deployBuild } from './support/static-server';

test('after one run the app reloads and retouches with its server gone and the network off', async ({ page, context }) => {
  const deployment = await deployBuild(4184);
  try {
    const [first, second] = makeSamplePhotos();
    await openFreshApp(page, deployment.url);
    const offlineStatus = page.getByRole('status', { name: 'Offline use' });
    await expect(offlineStatus).toContainText(/Works offline/, { timeout: 60_000 });
    await createBatch(page, 'Offline rings');
    await addPhotos(page, [first]);
    await processAll(page);
    await expect(imageCard(page, first.name)).toHaveAttribute('data-status', 'done');
    await expect(offlineStatus).toHaveText('Works offline: the app and the model are saved on this device.', { timeout: 60_000 });

    // Nothing can answer now but the service worker: no server, no network (pages and workers alike).
    await deployment.stop();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Offline rings' })).toBeVisible();
    expect(await page.evaluate(() => globalThis.crossOriginIsolated), 'still cross-origin isolated when served by the service worker').toBe(true);
    await expect(imageCard(page, first.name)).toHaveAttribute('data-status', 'done');
    await addPhotos(page, [second]);
    await processAll(page);
    await expect(imageCard(page, second.name)).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('count-done')).toHaveText('2 done');
  } finally {
    await deployment.remove();
  }
});

test('a damaged model in the offline cache is replaced by a good download', async ({ page }) => {
  await openFreshApp(page);
  await expect(page.getByRole('status', { name: 'Offline use' })).toContainText(/Works offline/, { timeout: 60_000 });
  // Plant a truncated copy of the model this engine runs, under the exact URL it will ask for.
  const modelFile = await page.getByTestId('backend-name').textContent().then((name) => (name === 'WEBGPU' ? 'isnet-fp16.onnx' : 'isnet-fp32.onnx'));
  const modelUrl = await page.evaluate(
    async ([file, cacheName]) => {
      const manifest = (await (await fetch('/models/manifest.json')).json()) as { files: Record<string, { sha256: string }> };
      const url = new URL(`/models/${file}?sha256=${manifest.files[file].sha256}`, location.href).href;
      await (await caches.open(cacheName)).put(url, new Response(new Uint8Array(1000), { headers: { 'Content-Type': 'application/octet-stream' } }));
      return url;
    },
    [modelFile, modelCacheName],
  );

  const [photo] = makeSamplePhotos();
  await createBatch(page, 'Damaged cache');
  await addPhotos(page, [photo]);
  await processAll(page);
  await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  const cachedBytes = await page.evaluate(
    async ([url, cacheName]) => (await (await caches.open(cacheName)).match(url))?.arrayBuffer().then((bytes) => bytes.byteLength),
    [modelUrl, modelCacheName],
  );
  expect(cachedBytes, 'the cache now holds the whole model').toBeGreaterThan(80_000_000);
});
