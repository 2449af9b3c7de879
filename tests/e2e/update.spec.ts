// App updates: a new deploy is installed in the background and offered as "Update now", never while a batch runs;
// taking it reloads the page into the new version with the batch intact.
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { addPhotos, createBatch, imageCard } from './support/app';
import { makeSamplePhotos } from './support/photos';
import { serveFolder } from './support/static-server';

const dist = fileURLToPath(new URL('../../dist', import.meta.url));
const port = 4183;

test('a new version waits while a batch runs, then "Update now" reloads into it', async ({ page }) => {
  // A copy of the build whose service worker the test can change: the worker is copied, everything else linked.
  const root = await mkdtemp(join(tmpdir(), 'lustre-deploy-'));
  for (const entry of await readdir(dist)) {
    if (entry === 'service-worker.js') await cp(join(dist, entry), join(root, entry));
    else await symlink(join(dist, entry), join(root, entry));
  }
  const server = await serveFolder(root, port);
  const deployNewVersion = async () => {
    const worker = join(root, 'service-worker.js');
    await writeFile(worker, `${await readFile(worker, 'utf8')}\n// next deploy ${Date.now()}\n`);
  };
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const [photo] = makeSamplePhotos();
    await createBatch(page, 'Update rings');
    await addPhotos(page, [photo]);

    await page.getByRole('button', { name: /^Process/ }).click();
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
    await deployNewVersion();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Lustre is ready' });
    await expect(banner).toContainText('You can update once this batch finishes', { timeout: 60_000 });
    await expect(banner.getByRole('button', { name: 'Update now' })).toHaveCount(0);

    await expect(page.getByRole('button', { name: /^Process/ })).toBeVisible({ timeout: 200_000 });
    await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Update now' }).click();
    await reloaded;

    await expect(page.getByRole('heading', { level: 1, name: 'Update rings' })).toBeVisible();
    await expect(page.getByText('A new version of Lustre is ready')).toHaveCount(0);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null), 'no version left waiting').toBeNull();
    await expect(imageCard(page, photo.name)).toHaveAttribute('data-status', 'done');
  } finally {
    server.close();
    await rm(root, { recursive: true, force: true });
  }
});
