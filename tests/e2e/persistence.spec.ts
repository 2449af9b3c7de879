// Nothing is lost on reload: the batch, its photos and its finished results come back from IndexedDB.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import { makeSamplePhotos } from './support/photos';

test('after a reload the batch, its photos and its results are still there', async ({ page }) => {
  const photos = makeSamplePhotos().slice(0, 2);
  await openFreshApp(page);
  await createBatch(page, 'Keep me');
  await addPhotos(page, photos);
  await processAll(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Keep me' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Batches' }).getByRole('button', { name: 'Open batch Keep me' })).toBeVisible();
  for (const photo of photos) {
    const card = imageCard(page, photo.name);
    await expect(card).toHaveAttribute('data-status', 'done');
    await expect(card.getByRole('img', { name: `Retouched ${photo.name}` })).toBeVisible();
    // The preview really decodes (a stored Blob, not a dangling URL).
    await expect.poll(() => card.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  }
  await expect(page.getByTestId('count-done')).toHaveText('2 done');
  await expect(page.getByRole('button', { name: 'Export ZIP (2)' })).toBeEnabled();
});

test('a batch can be renamed and deleted', async ({ page }) => {
  await openFreshApp(page);
  await createBatch(page, 'Draft');
  await page.getByRole('button', { name: 'Rename Draft' }).click();
  await page.getByLabel('New name for Draft').fill('Autumn pendants');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn pendants' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Autumn pendants' })).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete Autumn pendants' }).click();
  await expect(page.getByRole('navigation', { name: 'Batches' }).getByRole('button', { name: 'Open batch Autumn pendants' })).toHaveCount(0);
});

test('a reload in the middle of a batch keeps finished work and resumes by itself', async ({ page }) => {
  const photos = makeSamplePhotos();
  await openFreshApp(page);
  await createBatch(page, 'Interrupted');
  await addPhotos(page, photos);
  await page.getByRole('button', { name: /^Process/ }).click();
  await expect(page.locator('li[data-status="done"]')).toHaveCount(1, { timeout: 120_000 });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Interrupted' })).toBeVisible();
  await expect(page.getByText('Resuming the batch')).toBeVisible();
  await expect(page.getByTestId('count-done')).toHaveText('3 done', { timeout: 200_000 });
  for (const photo of photos) await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
});
