// A batch end to end: three generated photos → Process → all done → Export ZIP → every image checked.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import { makeSamplePhotos } from './support/photos';
import { readExportedZip } from './support/zip-check';

test('three photos are retouched onto white and exported as one ZIP', async ({ page }) => {
  const photos = makeSamplePhotos();
  await openFreshApp(page);
  await createBatch(page, 'Spring rings');
  await addPhotos(page, photos);

  await processAll(page);
  for (const photo of photos) {
    await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  }
  await expect(page.getByTestId('count-done')).toHaveText('3 done');
  await expect(page.getByTestId('backend-name')).toHaveText(/WASM|WEBGPU/);
  // Every card holds its picture and caption (a long file name must not push them out of the card).
  for (const photo of photos) {
    const card = imageCard(page, photo.name);
    const [cardBox, pictureBox] = [await card.boundingBox(), await card.getByRole('button', { name: `Open ${photo.name}` }).boundingBox()];
    expect(pictureBox!.x + pictureBox!.width, `${photo.name} picture inside its card`).toBeLessThanOrEqual(cardBox!.x + cardBox!.width + 0.5);
    expect(await card.evaluate((element) => element.scrollWidth - element.clientWidth), `${photo.name} card does not overflow`).toBeLessThanOrEqual(0);
  }

  // Before/after view of one result.
  await page.getByRole('button', { name: `Open ${photos[0].name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('img', { name: 'After' })).toBeVisible();
  await expect(dialog.getByRole('img', { name: 'Before' })).toBeVisible();
  // The file as a browser decodes it, checked against the look: all four pass for a ring on white.
  const exportChecks = dialog.getByRole('list', { name: 'Ready to upload?' });
  await expect(exportChecks.getByRole('listitem')).toHaveCount(4);
  await expect(exportChecks).toContainText('Pass: Size: 2000 × 2000 px, as the look asks.');
  await expect(exportChecks).toContainText('Pass: Background: every pixel pure white (255, 255, 255).');
  await expect(exportChecks).toContainText(/Pass: Fill: the piece fills 8\d\.\d % of the frame; the look asks 85 %\./);
  await expect(exportChecks).toContainText(/Pass: File: \d+ KB, within the 10\.0 MB that Etsy and Amazon take\./);
  await expect(exportChecks).not.toContainText('Fail');
  await dialog.getByRole('button', { name: 'Close' }).click();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export ZIP/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Spring rings.zip');
  const images = await readExportedZip(await download.path());

  expect(images.map((i) => i.name).sort()).toEqual(['chain-pendant-paper.jpg', 'gold-ring-wood.jpg', 'silver-ring-linen.jpg']);
  for (const image of images) {
    expect([image.width, image.height], image.name).toEqual([2000, 2000]);
    for (const corner of image.corners) expect(corner, `${image.name} corner`).toEqual([255, 255, 255]);
    const box = image.pieceBox;
    expect(box, `${image.name} has a piece`).not.toBeNull();
    const centreX = box!.x + box!.width / 2;
    const centreY = box!.y + box!.height / 2;
    expect(Math.abs(centreX - 1000), `${image.name} centred horizontally`).toBeLessThan(60);
    expect(Math.abs(centreY - 1000), `${image.name} centred vertically`).toBeLessThan(60);
    const longSide = Math.max(box!.width, box!.height);
    expect(longSide / 2000, `${image.name} fill`).toBeGreaterThan(0.78);
    expect(longSide / 2000, `${image.name} fill`).toBeLessThan(0.88);
  }
});
