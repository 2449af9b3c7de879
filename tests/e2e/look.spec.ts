// The look: a preset chosen at creation, changed later with a live preview (finished photos go stale and are
// re-processed on demand), exported and imported as JSON, measured from a reference photo; a test batch first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { addPhotos, imageCard, openFreshApp } from './support/app';
import { makeSamplePhotos, type PhotoFile } from './support/photos';
import { readExportedZip } from './support/zip-check';
import { encodeJpeg } from '../support/codecs';
import { renderRingScene } from '../support/ring-scene';
import { makeTempDir, removeTempDirs } from '../support/temp-dirs';

test.afterAll(removeTempDirs);

async function createBatchWithLook(page: Page, name: string, presetLabel: string): Promise<void> {
  await page.getByLabel('New batch name').fill(name);
  await page.getByLabel('Look of the new batch', { exact: true }).selectOption({ label: presetLabel });
  await page.getByRole('button', { name: 'Create batch' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function waitUntilIdle(page: Page, timeoutMs = 300_000): Promise<void> {
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeHidden({ timeout: timeoutMs });
  await expect(page.locator('[data-status="working"]')).toHaveCount(0);
}

async function exportImages(page: Page) {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /Export ZIP/ }).click();
  return readExportedZip(await (await downloadPromise).path());
}

test('a preset at creation, a new look applied on demand, and the look as a JSON file', async ({ page }) => {
  const photos = makeSamplePhotos().slice(0, 2);
  await openFreshApp(page);
  await createBatchWithLook(page, 'Etsy rings', 'Etsy soft neutral');
  await expect(page.getByText('Look: Etsy soft neutral')).toBeVisible();
  await addPhotos(page, photos);
  await page.getByRole('button', { name: /^Process/ }).click();
  await waitUntilIdle(page);
  await expect(page.getByTestId('count-done')).toHaveText('2 done');
  for (const image of await exportImages(page)) {
    // JPEG's colour conversion moves a flat off-white by a level or so (only 255 white survives exactly).
    image.corners[0].forEach((level, c) => expect(Math.abs(level - [242, 240, 236][c]), `${image.name} is on the Etsy neutral`).toBeLessThanOrEqual(2));
  }

  // Change the look: the preview updates at once; saving makes both results stale until applied.
  await page.getByRole('button', { name: 'Change look…' }).click();
  await expect(page.getByRole('img', { name: 'Preview of the look' })).toBeVisible();
  await page.getByLabel('Preset').selectOption({ label: 'Dark luxury' });
  const corner = await page.getByRole('img', { name: 'Preview of the look' }).locator('canvas').evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data));
  expect(corner[0], 'the preview shows the dark sweep').toBeLessThan(80);
  await page.getByRole('button', { name: /^Save look/ }).click();
  await expect(page.getByText('Look: Dark luxury')).toBeVisible();
  await expect(page.getByText('Made with an earlier look')).toHaveCount(2);
  await page.getByRole('button', { name: 'Apply the new look to 2 finished photos' }).click();
  // While they are re-made, the run counts its own 2 photos and the earlier pictures can still be exported.
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
  await expect(page.getByTestId('run-progress')).toContainText(/Re-making: \d of 2/);
  await expect(page.getByRole('button', { name: 'Export ZIP (2)' })).toBeEnabled();
  await waitUntilIdle(page);
  await expect(page.getByText('Made with an earlier look')).toHaveCount(0);
  for (const image of await exportImages(page)) {
    expect(image.corners[0][0], `${image.name} top corner is charcoal`).toBeLessThan(80);
    expect(image.corners[2][0], `${image.name} bottom corner is darker`).toBeLessThan(image.corners[0][0]);
  }

  // Export the look, change it, and import it back (saving closed the editor: open it again).
  await page.getByRole('button', { name: 'Change look…' }).click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export look' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('Dark luxury.look.json');
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported).toMatchObject({ schemaVersion: 2, name: 'Dark luxury', background: { kind: 'gradient' }, shadow: { kind: 'drop' }, strengths: { brilliance: 1 } });
  const dir = makeTempDir('lustre-look-');
  const mine = { ...exported, name: 'My grey', background: { kind: 'solid', rgb: [200, 200, 200] }, strengths: { ...exported.strengths, brilliance: 0.4 } };
  writeFileSync(join(dir, 'mine.look.json'), JSON.stringify(mine));
  await page.getByLabel('Import a look file').setInputFiles(join(dir, 'mine.look.json'));
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('My grey');
  await expect(page.getByText('Stone brilliance 40 %')).toBeVisible();
  writeFileSync(join(dir, 'broken.look.json'), JSON.stringify({ ...exported, framing: { fill: 3 } }));
  await page.getByLabel('Import a look file').setInputFiles(join(dir, 'broken.look.json'));
  await expect(page.getByRole('alert')).toContainText('framing.fill must be a number from 0.05 to 1');
});

test('a reference photo on grey gives its look, and a batch starts with a test batch of the size chosen', async ({ page }) => {
  test.setTimeout(600_000); // 5 model runs
  const rings: PhotoFile[] = Array.from({ length: 5 }, (_, i) => ({
    name: `ring-${String(i + 1).padStart(2, '0')}.jpg`,
    mimeType: 'image/jpeg',
    buffer: Buffer.from(encodeJpeg(renderRingScene({ widthPx: 480, heightPx: 360, seed: 40 + i, metal: i % 2 ? 'gold' : 'silver', backdrop: 'paper', backdropRgb: [128, 130, 134] }).image, 90)),
  }));
  await openFreshApp(page);
  await createBatchWithLook(page, 'Test first', 'White catalog 2000');
  await addPhotos(page, rings);

  // The reference: a photo of the batch on grey paper with a soft shadow.
  await page.getByRole('button', { name: 'Change look…' }).click();
  await page.getByLabel('Reference photo from this batch').selectOption({ label: 'ring-01.jpg' });
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  const notes = page.getByRole('list', { name: 'What the reference shows' });
  await expect(notes).toContainText('Background: solid rgb(', { timeout: 120_000 });
  await expect(notes).toContainText('shadow');
  // Nothing is processed yet, and the preview already shows the reference's piece on its measured grey.
  const preview = page.getByRole('img', { name: 'Preview of the look' });
  await expect(preview).toBeVisible();
  await expect(page.getByText('Live preview on the reference photo')).toBeVisible();
  const measuredGrey = /solid rgb\((\d+), (\d+), (\d+)\)/.exec((await notes.textContent()) ?? '')!.slice(1).map(Number);
  for (const level of measuredGrey) expect(Math.abs(level - 130), 'the measured background is the grey paper').toBeLessThan(30);
  const readCorner = () => preview.locator('canvas').evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data));
  const readCornerOffGrey = async () => Math.max(...(await readCorner()).slice(0, 3).map((level, c) => Math.abs(level - measuredGrey[c])));
  await expect.poll(readCornerOffGrey, { message: 'the preview corner is the measured grey' }).toBeLessThanOrEqual(20);
  // And the piece is drawn: somewhere on the middle row the preview is far from the grey.
  const middleRowOffGrey = await preview.locator('canvas').evaluate((canvas: HTMLCanvasElement, grey: number[]) => {
    const row = canvas.getContext('2d')!.getImageData(0, Math.floor(canvas.height / 2), canvas.width, 1).data;
    let most = 0;
    for (let i = 0; i < row.length; i += 4) most = Math.max(most, ...[0, 1, 2].map((c) => Math.abs(row[i + c] - grey[c])));
    return most;
  }, measuredGrey);
  expect(middleRowOffGrey, 'the ring shows on the preview').toBeGreaterThan(40);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Like ring-01');
  await page.getByRole('button', { name: /^Save look/ }).click();
  await expect(page.getByText('Look: Like ring-01')).toBeVisible();

  // 5 photos: no test batch of the default 12; a test batch of 3 chosen in the settings (remembered), the other 2 wait.
  await expect(page.getByRole('button', { name: /^Test the look/ })).toHaveCount(0);
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel(/^Test batch/).selectOption('3');
  await page.reload();
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel(/^Test batch/)).toHaveValue('3');
  await page.getByRole('button', { name: 'Test the look on 3 photos' }).click();
  // Progress and time left are for the 3 of the test batch, not for all 5.
  await expect(page.getByTestId('run-progress')).toContainText(/Test batch: \d+ of 3/);
  await waitUntilIdle(page, 540_000);
  await expect(page.getByTestId('count-done')).toHaveText('3 done');
  for (const name of ['ring-04.jpg', 'ring-05.jpg']) await expect(imageCard(page, name)).toHaveAttribute('data-status', 'queued');
  await expect(page.getByRole('button', { name: 'Process the other 2 photos' })).toBeVisible();
  await expect(page.getByTestId('run-progress')).toHaveCount(0);
});
