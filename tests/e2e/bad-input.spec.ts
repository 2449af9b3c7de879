// Bad input loses nothing: a corrupt file fails with a reason on its own card; a crashed retouch worker fails only the
// photo it held, a new worker finishes the rest, and Retry failed makes that photo. The crash is a real uncaught error
// inside the real worker (as an out-of-memory failure in its model runtime raises), thrown while it works on a photo.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp } from './support/app';
import { makeCorruptPhoto, makeSamplePhotos } from './support/photos';

test('a corrupt file and a worker crash each fail one photo with a reason; the others are done and the crashed one can be retried', async ({ page }) => {
  const good = makeSamplePhotos().slice(0, 2);
  const corrupt = makeCorruptPhoto();
  await openFreshApp(page);
  await createBatch(page, 'Mixed bag');
  await addPhotos(page, [good[0], corrupt, good[1]]);

  // Photos are processed in name order: the corrupt file, then the first good photo, which the crash hits.
  const [first, second] = [...good].sort((a, b) => a.name.localeCompare(b.name));
  const workerStarted = page.waitForEvent('worker', { predicate: (worker) => /retouch\.worker/.test(worker.url()), timeout: 60_000 });
  await page.getByRole('button', { name: /^Process/ }).click();
  const worker = await workerStarted;
  const crashed = imageCard(page, first.name);
  await expect(crashed).toHaveAttribute('data-status', 'working', { timeout: 120_000 });
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  });
  await expect(crashed).toHaveAttribute('data-status', 'failed', { timeout: 60_000 });
  await expect(crashed.getByRole('note')).toContainText(/worker stopped.*simulated crash/i);

  // One crash does not stop the run: a new worker goes on with the rest.
  await expect(page.getByRole('button', { name: /^(Process|Resume)/ })).toBeVisible({ timeout: 200_000 });
  const broken = imageCard(page, corrupt.name);
  await expect(broken).toHaveAttribute('data-status', 'failed');
  await expect(broken.getByRole('note')).toContainText(/could not (be )?read/i);
  await expect(imageCard(page, second.name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('count-failed')).toHaveText('2 failed');

  // The failures survive a reload, with their reasons, and every original is kept.
  await page.reload();
  await expect(imageCard(page, corrupt.name)).toHaveAttribute('data-status', 'failed');
  await expect(imageCard(page, corrupt.name).getByRole('note')).toContainText(/could not (be )?read/i);
  await expect(imageCard(page, first.name).getByRole('note')).toContainText(/worker stopped/i);
  await expect(imageCard(page, second.name)).toHaveAttribute('data-status', 'done');

  // Retry failed makes the crashed photo; the corrupt file would fail the same way, so it is not retried.
  await page.getByRole('button', { name: 'Retry failed' }).click();
  await expect(page.getByTestId('run-progress')).toContainText(/Retrying: \d of 1/);
  await expect(page.getByTestId('count-done')).toHaveText('2 done', { timeout: 200_000 });
  await expect(imageCard(page, first.name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('count-failed')).toHaveText('1 failed');
  await expect(page.getByRole('button', { name: 'Retry failed' })).toHaveCount(0);
});
