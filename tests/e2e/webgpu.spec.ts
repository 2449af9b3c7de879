// WebGPU without a GPU: SwiftShader is recognised as a software fallback (WASM is used, and the app says
// why); the WebGPU session path still runs the probe model and agrees with WASM; a WebGPU failure falls
// back to WASM and the batch finishes. Runs in the `chromium-webgpu` project (--enable-unsafe-webgpu).
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp, processAll } from './support/app';
import { makeSamplePhotos } from './support/photos';

test('the software adapter is found, WASM is chosen with the reason, and WebGPU agrees with WASM', async ({ page }) => {
  await openFreshApp(page);
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info: { architecture: string; isFallbackAdapter?: boolean } } | null> } }).gpu;
    const found = await gpu?.requestAdapter();
    return found ? { architecture: found.info.architecture, isFallback: found.info.isFallbackAdapter ?? null } : null;
  });
  expect(adapter, 'Chromium offers a WebGPU adapter').not.toBeNull();

  await expect(page.getByTestId('backend-name')).toHaveText('WASM', { timeout: 60_000 });
  await expect(page.getByTestId('backend-reason')).toContainText(/software fallback/i);

  await page.getByText('Settings', { exact: true }).click();
  await page.getByRole('button', { name: 'Check WebGPU against WASM' }).click();
  // The check answers within its own 90 s limit, with a result or with why it could not run (printed here if so).
  const comparison = page.getByTestId('backend-comparison');
  const answer = comparison.or(page.getByTestId('backend-comparison-problem'));
  await expect(answer).toBeVisible({ timeout: 150_000 });
  expect(await answer.textContent()).toContain('works');
  const maxDiff = Number(await comparison.getAttribute('data-max-diff'));
  expect(maxDiff).toBeLessThan(1e-4);
});

test('a WebGPU failure at session start falls back to WASM and the batch finishes', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('lustre.backend', 'webgpu');
    localStorage.setItem('lustre.debug.faults', 'webgpu-session');
  });
  await openFreshApp(page);
  await expect(page.getByTestId('backend-name')).toHaveText('WEBGPU');

  const [photo] = makeSamplePhotos();
  await createBatch(page, 'Fallback');
  await addPhotos(page, [photo]);
  await processAll(page);
  await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('backend-name')).toHaveText('WASM');
  await expect(page.getByTestId('backend-reason')).toContainText(/WebGPU failed to start the model/);
});

test('a WebGPU failure while running the model falls back to WASM, the batch finishes and the header says so', async ({ page }) => {
  await page.addInitScript(() => {
    localStorage.setItem('lustre.backend', 'webgpu');
    localStorage.setItem('lustre.debug.faults', 'webgpu-run');
  });
  await openFreshApp(page);
  await expect(page.getByTestId('backend-name')).toHaveText('WEBGPU');
  await expect(page.getByTestId('backend-reason')).toContainText(/forced in settings/);

  const [photo] = makeSamplePhotos();
  await createBatch(page, 'Run fallback');
  await addPhotos(page, [photo]);
  await processAll(page);
  await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('backend-name')).toHaveText('WASM');
  await expect(page.getByTestId('backend-reason')).toContainText(/WebGPU failed while running/);
});
