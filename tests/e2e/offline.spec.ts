// Offline and privacy: once the service worker controls the page and the model has run once, the app reloads with
// the network off, reopens its batch and retouches a new photo; no request ever leaves the app's origin.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import { makeSamplePhotos } from './support/photos';

test('after one run the app reloads and retouches with the network off, and nothing leaves the origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)) foreign.push(url);
  });
  const [first, second] = makeSamplePhotos();

  await openFreshApp(page);
  const offlineStatus = page.getByTestId('offline-status');
  await expect(offlineStatus).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(offlineStatus).toContainText('the first time photos are processed');
  await createBatch(page, 'Offline rings');
  await addPhotos(page, [first]);
  await processAll(page);
  await expect(imageCard(page, first.name)).toHaveAttribute('data-status', 'done');
  await expect(offlineStatus).toHaveAttribute('data-model-saved', 'true', { timeout: 60_000 });
  await expect(offlineStatus).toContainText('the app and the model are saved on this device');

  await context.setOffline(true);
  // The network is really off: a file the service worker never stored cannot be fetched.
  const uncachedFetch = await page.evaluate(async () => {
    try {
      return (await fetch('/models/README.md', { cache: 'no-store' })).status;
    } catch {
      return 'failed';
    }
  });
  expect(uncachedFetch).toBe('failed');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Offline rings' })).toBeVisible();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated), 'still cross-origin isolated when served by the service worker').toBe(true);
  await expect(imageCard(page, first.name)).toHaveAttribute('data-status', 'done');
  await addPhotos(page, [second]);
  await processAll(page);
  await expect(imageCard(page, second.name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('count-done')).toHaveText('2 done');

  expect(foreign, 'requests that left the origin').toEqual([]);
});

test('a damaged model in the offline cache is replaced by a good download', async ({ page }) => {
  await openFreshApp(page);
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  // Plant a truncated ISNet where the service worker keeps it, under the exact URL the engine will ask for.
  const modelUrl = await page.evaluate(async () => {
    const manifest = (await (await fetch('/models/manifest.json')).json()) as { files: Record<string, { sha256: string }> };
    const url = new URL(`/models/isnet-fp32.onnx?sha256=${manifest.files['isnet-fp32.onnx'].sha256}`, location.href).href;
    await (await caches.open('lustre-models')).put(url, new Response(new Uint8Array(1000), { headers: { 'Content-Type': 'application/octet-stream' } }));
    return url;
  });

  const [photo] = makeSamplePhotos();
  await createBatch(page, 'Damaged cache');
  await addPhotos(page, [photo]);
  await processAll(page);
  await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-model-saved', 'true', { timeout: 60_000 });
  const cachedBytes = await page.evaluate(async (url) => (await (await caches.open('lustre-models')).match(url))?.arrayBuffer().then((b) => b.byteLength), modelUrl);
  expect(cachedBytes, 'the cache now holds the whole model').toBeGreaterThan(100_000_000);
});
