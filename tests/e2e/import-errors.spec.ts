// A corrupt file among good ones: it fails with a reason on its own card; the rest of the batch finishes.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import { makeCorruptPhoto, makeSamplePhotos } from './support/photos';

test('a corrupt file fails with a reason and the others are done', async ({ page }) => {
  const good = makeSamplePhotos().slice(0, 2);
  const corrupt = makeCorruptPhoto();
  await openFreshApp(page);
  await createBatch(page, 'Mixed bag');
  await addPhotos(page, [good[0], corrupt, good[1]]);

  await processAll(page);
  const broken = imageCard(page, corrupt.name);
  await expect(broken).toHaveAttribute('data-status', 'failed');
  await expect(broken.getByRole('note')).toContainText(/could not (be )?read/i);
  for (const photo of good) await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('count-failed')).toHaveText('1 failed');

  // The failure survives a reload, with its reason, and the original is kept.
  await page.reload();
  await expect(imageCard(page, corrupt.name)).toHaveAttribute('data-status', 'failed');
  await expect(imageCard(page, corrupt.name).getByRole('note')).toContainText(/could not (be )?read/i);
});
