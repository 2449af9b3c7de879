// Cancel: the run stops, unfinished photos go back to the queue, finished ones stay; Resume finishes the rest.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, openFreshApp } from './support/app';
import { makeSamplePhotos } from './support/photos';

test('cancel keeps finished work and resume completes the batch', async ({ page }) => {
  const photos = makeSamplePhotos();
  await openFreshApp(page);
  await createBatch(page, 'Cancel me');
  await addPhotos(page, photos);

  await page.getByRole('button', { name: /^Process/ }).click();
  await expect(page.locator('li[data-status="done"]')).toHaveCount(1, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Resume \(\d\)$/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('li[data-status="working"]')).toHaveCount(0);
  const doneAfterCancel = await page.locator('li[data-status="done"]').count();
  expect(doneAfterCancel).toBeGreaterThanOrEqual(1);
  expect(doneAfterCancel).toBeLessThan(3);
  await expect(page.locator('li[data-status="queued"]')).toHaveCount(3 - doneAfterCancel);

  await page.getByRole('button', { name: /^Resume/ }).click();
  await expect(page.getByTestId('count-done')).toHaveText('3 done', { timeout: 200_000 });
});
