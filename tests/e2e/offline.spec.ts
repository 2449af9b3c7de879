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
  // Plant a truncated copy of each ISNet file under the exact URL the engine asks for (it runs one of them).
  const modelUrls = await page.evaluate(async (cacheName) => {
    const manifest = (await (await fetch('/models/manifest.json')).json()) as { files: Record<string, { sha256: string }> };
    const cache = await caches.open(cacheName);
    const urls: string[] = [];
    for (const file of ['isnet-fp32.onnx', 'isnet-fp16.onnx']) {
      const url = new URL(`/models/${file}?sha256=${manifest.files[file].sha256}`, location.href).href;
      await cache.put(url, new Response(new Uint8Array(1000), { headers: { 'Content-Type': 'application/octet-stream' } }));
      urls.push(url);
    }
    return urls;
  }, modelCacheName);

  const [photo] = makeSamplePhotos();
  await createBatch(page, 'Damaged cache');
  await addPhotos(page, [photo]);
  await processAll(page);
  await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  const cachedBytes = await page.evaluate(
    async ([urls, cacheName]) => {
      const cache = await caches.open(cacheName);
      const sizes = await Promise.all(urls.map(async (url) => (await (await cache.match(url))?.arrayBuffer())?.byteLength ?? 0));
      return Math.max(...sizes);
    },
    [modelUrls, modelCacheName] as const,
  );
  expect(cachedBytes, 'the cache now holds the whole model the engine runs').toBeGreaterThan(80_000_000);
});
