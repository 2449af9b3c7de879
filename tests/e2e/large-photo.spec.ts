// A 48 MP photo, dropped on the page: decoded within the 24 MP budget, retouched, and the tab survives.
import { expect, test } from '@playwright/test';
import { createBatch, imageCard, openFreshApp, processAll } from './support/app';

test('a dropped 48 MP photo is downscaled on decode and retouched', async ({ page }) => {
  await openFreshApp(page);
  await createBatch(page, 'Big photos');

  // Draw an 8000×6000 ring photo in the page and drop it on the drop zone, as a file from the desktop would be.
  const dataTransfer = await page.evaluateHandle(async () => {
    const canvas = new OffscreenCanvas(8000, 6000);
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#c9b79c';
    g.fillRect(0, 0, 8000, 6000);
    const metal = g.createLinearGradient(2500, 1500, 5500, 4500);
    metal.addColorStop(0, '#fff4c2');
    metal.addColorStop(0.5, '#c9962e');
    metal.addColorStop(1, '#7a5512');
    g.strokeStyle = metal;
    g.lineWidth = 420;
    g.beginPath();
    g.ellipse(4000, 3000, 1500, 1100, 0, 0, Math.PI * 2);
    g.stroke();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'ring-48mp.jpg', { type: 'image/jpeg' }));
    return transfer;
  });
  await page.getByRole('region', { name: 'Add photos' }).dispatchEvent('drop', { dataTransfer });
  await expect(imageCard(page, 'ring-48mp.jpg')).toHaveAttribute('data-status', 'queued', { timeout: 60_000 });

  await processAll(page);
  await expect(imageCard(page, 'ring-48mp.jpg')).toHaveAttribute('data-status', 'done');
  await page.getByRole('button', { name: 'Open ring-48mp.jpg' }).click();
  await expect(page.getByRole('dialog')).toContainText('original 8000×6000 was downscaled');
  await expect(page.getByRole('dialog')).toContainText('2000×2000');
});
