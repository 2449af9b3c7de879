// App updates: a new deploy is installed in the background and offered as "Update now", never while a batch runs;
// taking it reloads the page into the new version with the batch intact, and another open tab is told.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard, openFreshApp } from './support/app';
import { makeSamplePhotos } from './support/photos';
import { deployBuild, type Deployment } from './support/static-server';

/** A new build of the page: index.html carries a marker, and the service worker's precache list names its new revision. */
async function deployNextVersion(deployment: Deployment): Promise<void> {
  const page = join(deployment.root, 'index.html');
  await writeFile(page, (await readFile(page, 'utf8')).replace('<head>', '<head>\n    <meta name="lustre-build" content="next" />'));
  const worker = join(deployment.root, 'service-worker.js');
  const source = await readFile(worker, 'utf8');
  const updated = source.replace(/("revision":")[0-9a-f]+(","url":"index\.html")/, '$1next$2');
  expect(updated, 'the precache list names index.html').not.toBe(source);
  await writeFile(worker, updated);
}

test('a new version waits while a batch runs; "Update now" in a second tab reloads it, and the first tab is told', async ({ page, context }) => {
  const deployment = await deployBuild(4183, ['service-worker.js', 'index.html']);
  try {
    // The first tab is a first visit: no service worker served it when it loaded.
    await openFreshApp(page, deployment.url);
    await expect(page.getByRole('status', { name: 'Offline use' })).toContainText(/Works offline/, { timeout: 60_000 });
    const photos = makeSamplePhotos();
    await createBatch(page, 'Update rings');
    await addPhotos(page, photos);

    await page.getByRole('button', { name: /^Process/ }).click();
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
    await deployNextVersion(deployment);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Lustre is ready' });
    await expect(banner).toContainText('You can update once the current work finishes', { timeout: 60_000 });
    await expect(banner.getByRole('button', { name: 'Update now' })).toHaveCount(0);
    expect(await imageCard(page, photos[2].name).getAttribute('data-status'), 'the batch was still running when the update arrived').not.toBe('done');
    await expect(page.getByRole('button', { name: /^Process/ })).toBeVisible({ timeout: 400_000 });
    for (const photo of photos) await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
    await expect(banner.getByRole('button', { name: 'Update now' })).toBeVisible();

    // A second tab takes the update.
    const second = await context.newPage();
    await second.goto(deployment.url);
    const secondBanner = second.getByRole('status').filter({ hasText: 'A new version of Lustre is ready' });
    const reloaded = second.waitForEvent('load');
    await secondBanner.getByRole('button', { name: 'Update now' }).click();
    await reloaded;
    await expect(second.getByRole('heading', { level: 1, name: 'Update rings' })).toBeVisible();
    await expect(second.locator('meta[name="lustre-build"]'), 'the second tab is the new version').toHaveAttribute('content', 'next');
    await expect(second.getByText('A new version of Lustre is ready')).toHaveCount(0);
    expect(await second.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null), 'no version left waiting').toBeNull();

    // The first tab still runs the old code: it is told, keeps working offline, and reloads into the new version.
    const elsewhere = page.getByRole('status').filter({ hasText: 'Lustre was updated in another tab' });
    await expect(elsewhere).toBeVisible();
    await expect(page.getByRole('status', { name: 'Offline use' })).toContainText(/Works offline/);
    const firstReloaded = page.waitForEvent('load');
    await elsewhere.getByRole('button', { name: 'Reload' }).click();
    await firstReloaded;
    await expect(page.locator('meta[name="lustre-build"]'), 'the first tab is the new version').toHaveAttribute('content', 'next');
    for (const photo of photos) await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  } finally {
    await deployment.remove();
  }
});
