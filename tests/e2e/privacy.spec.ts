// Privacy: creating a batch, retouching and exporting sends no request outside the app's own origin.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, openFreshApp, processAll } from './support/app';
import { makeSamplePhotos } from './support/photos';

test('no request leaves the origin while photos are imported, retouched and exported', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const [photo] = makeSamplePhotos();

  await openFreshApp(page);
  await createBatch(page, 'Private rings');
  await addPhotos(page, [photo]);
  await processAll(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export ZIP/ }).click();
  await download;

  expect(requests.length, 'the app did load through the network').toBeGreaterThan(5);
  expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url)), 'requests that left the origin').toEqual([]);
});
