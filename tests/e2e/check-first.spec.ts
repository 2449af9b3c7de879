// Photos to look at first are listed first, each with its reason: one the check stage flags (a ring cut off by the
// photo's edge), and one whose finished file fails an export check (white in lossy WebP).
import { expect, test } from '@playwright/test';
import { encodeJpeg } from '../support/codecs';
import { renderRingScene } from '../support/ring-scene';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import type { PhotoFile } from './support/photos';

// Big enough that the whole ring is not enlarged more than 4× (that too would be flagged).
function ringPhoto(name: string, centerX: number, seed: number): PhotoFile {
  const scene = renderRingScene({ widthPx: 1200, heightPx: 900, seed, metal: 'silver', backdrop: 'paper', backdropRgb: [128, 130, 134], pieceSize: 0.6, centerX });
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(encodeJpeg(scene.image, 92)) };
}

test('a ring cut off by the edge of its photo is listed first, under "To check", with the reason', async ({ page }) => {
  // In name order the whole ring comes first; the cut-off one is second.
  const photos = [ringPhoto('a-whole-ring.jpg', 0.5, 31), ringPhoto('b-cut-off-ring.jpg', 0.06, 32)];
  await openFreshApp(page);
  await createBatch(page, 'Edge cases');
  await addPhotos(page, photos);
  await expect(page.getByRole('heading', { name: /^To check/ })).toHaveCount(0);

  await processAll(page);
  await expect(page.getByTestId('count-done')).toHaveText('2 done');
  await expect(page.getByTestId('count-check')).toHaveText('1 to check');
  await expect(page.getByRole('heading', { name: 'To check (1)' })).toBeVisible();

  const toCheck = page.getByRole('list', { name: 'Photos to check' });
  await expect(toCheck.getByRole('listitem')).toHaveCount(1);
  const flagged = toCheck.getByRole('listitem', { name: 'b-cut-off-ring.jpg' });
  await expect(flagged.getByRole('note').filter({ hasText: 'Check:' })).toContainText('Check: The cut-out runs off the edge of the photo');
  await expect(page.getByRole('heading', { name: 'Other photos (1)' })).toBeVisible();
  const others = page.getByRole('list', { name: 'Other photos' });
  await expect(others.getByRole('listitem')).toHaveCount(1);
  await expect(others.getByRole('listitem', { name: 'a-whole-ring.jpg' }).getByRole('note').filter({ hasText: /Check:|Not ready/ })).toHaveCount(0);

  // The flagged photo is above the others on the page.
  const [flaggedBox, wholeBox] = [await flagged.boundingBox(), await imageCard(page, 'a-whole-ring.jpg').boundingBox()];
  expect(flaggedBox!.y + flaggedBox!.height).toBeLessThan(wholeBox!.y);
});

test('a file that fails an export check says it is not ready to upload, why, and is listed under "To check"', async ({ page }) => {
  await openFreshApp(page);
  await createBatch(page, 'White in WebP');
  // Lossy WebP cannot keep a white background exactly white next to the piece (Lustre's JPEG can).
  await page.getByRole('button', { name: 'Change look…' }).click();
  await page.getByLabel('Format').selectOption({ label: 'WebP' });
  await page.getByRole('button', { name: /^Save look/ }).click();
  await addPhotos(page, [ringPhoto('a-whole-ring.jpg', 0.5, 31)]);

  await processAll(page);
  await expect(page.getByTestId('count-done')).toHaveText('1 done');
  await expect(page.getByRole('heading', { name: 'To check (1)' })).toBeVisible();
  const card = page.getByRole('list', { name: 'Photos to check' }).getByRole('listitem', { name: 'a-whole-ring.jpg' });
  const notReady = card.getByRole('note').filter({ hasText: 'Not ready to upload:' });
  await expect(notReady).toContainText(/Background: [\d,]+ pixels? (is|are) not pure white \(255, 255, 255\)\. WebP moves white next to the piece: choose JPEG or PNG/);
  // Nothing else is wrong with it: no packshot check, and its other export checks pass.
  await expect(card.getByRole('note').filter({ hasText: 'Check:' })).toHaveCount(0);
  await card.getByRole('button', { name: 'Open a-whole-ring.jpg' }).click();
  const checks = page.getByRole('dialog').getByRole('list', { name: 'Ready to upload?' });
  await expect(checks).toContainText('Fail: Background:');
  await expect(checks).toContainText('Pass: Size: 2000 × 2000 px, as the look asks.');
  await expect(checks).toContainText('Pass: Fill:');
  await expect(checks).toContainText('Pass: File:');
});
