// On a phone-sized screen the app fits its width: the batch, its photos and the look editor need no sideways scrolling,
// even with a camera roll's long file names in the editor's reference list.
import { expect, test, type Page } from '@playwright/test';
import { addPhotos, createBatch, openFreshApp } from './support/app';
import { makeSamplePhotos } from './support/photos';

const screenWidthPx = 390;

test.use({ viewport: { width: screenWidthPx, height: 844 }, isMobile: true, hasTouch: true });

/** How far the page is wider than the screen, px (0 when it fits). A phone zooms out to show a page wider than its
 * screen, so the layout is compared with the screen's width, not with the window's. */
async function measureOverflowPx(page: Page): Promise<number> {
  return page.evaluate((screen) => Math.max(0, document.documentElement.scrollWidth - screen), screenWidthPx);
}

test('the batch and the look editor fit a phone screen', async ({ page }) => {
  const [photo] = makeSamplePhotos();
  const longName = { ...photo, name: 'IMG_20261129_142233_silver-stacking-ring-on-linen-final-edit-for-the-shop.jpg' };
  await openFreshApp(page);
  expect(await measureOverflowPx(page)).toBe(0);

  await createBatch(page, 'Phone batch');
  await addPhotos(page, [longName]);
  expect(await measureOverflowPx(page)).toBe(0);

  await page.getByRole('button', { name: 'Change look…' }).click();
  await expect(page.getByLabel('Reference photo from this batch')).toBeVisible();
  expect(await measureOverflowPx(page)).toBe(0);
  // The editor's controls are all within the screen, not just the page.
  for (const label of ['Preset', 'Reference photo from this batch']) {
    const box = await page.getByLabel(label).boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(screenWidthPx);
  }
});
