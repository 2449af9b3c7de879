// A batch end to end: three generated photos → Process → all done → cut-outs asked for and made → Export ZIP (named by a
// template, with its manifest and the transparent cut-outs) → every image and cut-out checked.
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import { makeSamplePhotos } from './support/photos';
import { compareCutoutWithPicture, readExportedCutouts, readExportedManifest, readExportedZip } from './support/zip-check';

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

  // Transparent cut-outs asked for after the run: the finished photos have none yet, and can be re-made for them.
  await page.getByLabel('Transparent PNG cut-outs too').check();
  await expect(page.getByText('3 finished photos have none yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Make their cut-outs' })).toBeEnabled();

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
  // How well it matches the batch and the look, measure by measure.
  const match = dialog.getByRole('list', { name: /^Like the batch\?/ });
  await expect(match).toContainText(/Highlights: L\* \d+(\.\d)? \(the batch's \d+(\.\d)?, the look asks 96\)\./);
  await expect(match).toContainText(/Fill: 8\d(\.\d)? % of the frame \(the look's 85 %\)\./);

  // This photo only: a smaller fill, re-made at once; the others keep the look's.
  const adjust = dialog.getByRole('group', { name: 'This photo only' });
  await expect(adjust.getByRole('button', { name: 'Re-make this photo' })).toBeDisabled();
  await adjust.getByRole('slider', { name: /^Fill/ }).fill('0.6');
  await expect(adjust).toContainText('Fill 60 % (the look: 85 %)');
  await adjust.getByRole('button', { name: 'Re-make this photo' }).click();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeHidden({ timeout: 120_000 });
  await expect(imageCard(page, photos[0].name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByRole('dialog').getByRole('group', { name: 'This photo only' })).toContainText('Fill 60 % (the look: 85 %)');
  await expect(page.getByRole('dialog').getByRole('list', { name: 'Ready to upload?' })).toContainText(/Pass: Fill: the piece fills 6\d\.\d % of the frame; the look asks 60 %\./);
  // A fill chosen for this photo is judged against its own look, not the batch's.
  await expect(page.getByRole('dialog').getByRole('list', { name: /^Like the batch\?/ })).toContainText(/Fill: 6\d(\.\d)? % of the frame \(the look's 60 %\)\./);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  // Re-made with cut-outs asked for, it has one now; the two others are re-made for theirs.
  await expect(page.getByText('2 finished photos have none yet')).toBeVisible();
  await page.getByRole('button', { name: 'Make their cut-outs' }).click();
  await expect(page.getByTestId('run-progress')).toContainText(/Making cut-outs: \d of 2/);
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeHidden({ timeout: 120_000 });
  await expect(page.getByText(/finished photos? (has|have) none yet/)).toBeHidden();
  await expect(page.getByTestId('count-done')).toHaveText('3 done');

  // The grid least like the batch first: each card says its score, in rising order within each list.
  await page.getByLabel('Order').selectOption('match');
  const scored = page.locator('li[data-match-score]');
  await expect(scored).toHaveCount(3);
  await expect(page.getByText(/like the batch:? \(?\d+ \/ 100/i)).toHaveCount(3);
  const scoreOf: Record<string, number> = {};
  for (const list of await page.getByRole('list', { name: /photos/i }).all()) {
    const listed = await list.locator('li[data-match-score]').evaluateAll((cards) => cards.map((card) => [card.getAttribute('aria-label')!, Number(card.getAttribute('data-match-score'))] as const));
    const values = listed.map(([, score]) => score);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    for (const [name, score] of listed) scoreOf[name] = score;
  }
  expect(Object.keys(scoreOf).sort()).toEqual(photos.map((photo) => photo.name).sort());

  // Files named from a template (kept with the batch), shown by example before the export.
  const names = page.getByLabel('File names');
  await expect(names).toHaveValue('{name}');
  await names.fill('{sku}-{index}');
  await expect(page.getByText('{sku}, which it does not know')).toBeVisible();
  await expect(page.getByRole('button', { name: /Export ZIP/ })).toBeDisabled();
  await names.fill('ring-{index}');
  await names.blur();
  await expect(page.getByText('e.g. ring-01.jpg')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('File names')).toHaveValue('ring-{index}');
  await expect(page.getByLabel('Transparent PNG cut-outs too')).toBeChecked();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export ZIP/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Spring rings.zip');
  const zipPath = await download.path();
  await expect(page.getByText('Exported 3 images and 3 transparent cut-outs, with manifest.csv')).toBeVisible();
  const images = await readExportedZip(zipPath);

  expect(images.map((i) => i.name).sort()).toEqual(['ring-01.jpg', 'ring-02.jpg', 'ring-03.jpg']);
  // The manifest maps each file to its photo, with its size and whether it is ready to upload.
  const [header, ...rows] = await readExportedManifest(zipPath);
  expect(header.slice(0, 10)).toEqual(['file', 'source', 'position', 'look', 'made_with_this_look', 'width_px', 'height_px', 'file_bytes', 'metal', 'ready_to_upload']);
  expect(header[12]).toBe('match_score');
  // Photos are added in name order, and numbered so.
  const added = photos.map((photo) => photo.name).sort((a, b) => a.localeCompare(b));
  const adjustedName = `ring-0${added.indexOf(photos[0].name) + 1}.jpg`;
  expect(rows.map((row) => row.slice(0, 3))).toEqual(added.map((name, i) => [`ring-0${i + 1}.jpg`, name, String(i + 1)]));
  for (const row of rows) {
    expect(row.slice(3, 7), row[0]).toEqual(['White catalog 2000', 'yes', '2000', '2000']);
    expect(Number(row[7]), `${row[0]} bytes`).toBeGreaterThan(10_000);
    expect(row[9], `${row[0]} ready to upload`).toBe('yes');
    expect(Number(row[12]), `${row[0]} match score as its card shows it`).toBe(scoreOf[row[1]]);
  }
  // Each picture's cut-out: named like it, the piece alone on transparency where the picture has it, in its colours (the
  // picture's box counts faint edge pixels the cut-out's half-opaque box leaves out: a few px each side).
  const cutouts = await readExportedCutouts(zipPath);
  expect(cutouts.map((cutout) => cutout.name).sort()).toEqual(['cutouts/ring-01.png', 'cutouts/ring-02.png', 'cutouts/ring-03.png']);
  expect(rows.map((row) => row[14])).toEqual(rows.map((row) => `cutouts/${row[0].replace(/\.jpg$/, '.png')}`));
  for (const cutout of cutouts) {
    const pictureName = cutout.name.replace(/^cutouts\//, '').replace(/\.png$/, '.jpg');
    expect([cutout.width, cutout.height], cutout.name).toEqual([2000, 2000]);
    expect(cutout.cornerAlphas, cutout.name).toEqual([0, 0, 0, 0]);
    const pictureBox = images.find((image) => image.name === pictureName)!.pieceBox!;
    for (const side of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(cutout.opaqueBox![side] - pictureBox[side]), `${cutout.name} box ${side}`).toBeLessThan(24);
    const colours = await compareCutoutWithPicture(zipPath, cutout.name, pictureName);
    expect(colours.opaquePx, cutout.name).toBeGreaterThan(10_000);
    expect(colours.meanLevels, `${cutout.name} colours against its picture`).toBeLessThan(3);
  }
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
    const fill = image.name === adjustedName ? 0.6 : 0.85;
    expect(longSide / 2000, `${image.name} fill`).toBeGreaterThan(fill - 0.07);
    expect(longSide / 2000, `${image.name} fill`).toBeLessThan(fill + 0.03);
  }
});
