// Page helpers for the end-to-end specs: found by role and label, waiting on visible state only.
import { expect, type Page } from '@playwright/test';
import type { PhotoFile } from './photos';

/** Opens the app (the test server's, or another deployment's `url`) in a fresh browser context. */
export async function openFreshApp(page: Page, url = '/'): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('button', { name: 'Create batch' })).toBeVisible();
}

export async function createBatch(page: Page, name: string): Promise<void> {
  await page.getByLabel('New batch name').fill(name);
  await page.getByRole('button', { name: 'Create batch' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

export async function addPhotos(page: Page, files: PhotoFile[]): Promise<void> {
  await page.getByLabel('Photo files').setInputFiles(files);
  for (const file of files) await expect(page.getByRole('listitem', { name: file.name })).toBeVisible();
}

/** A photo's card, in the "to check" section or among the others. */
export function imageCard(page: Page, name: string) {
  return page.getByRole('list', { name: /^(Photos to check|Other photos|Photos in this batch)$/ }).getByRole('listitem', { name });
}

/** Clicks Process and waits until no image is queued or working (the model run takes a while on CPU). */
export async function processAll(page: Page, timeoutMs = 200_000): Promise<void> {
  await page.getByRole('button', { name: /^(Process|Resume)/ }).click();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Process|Resume)/ })).toBeVisible({ timeout: timeoutMs });
  await expect(page.locator('[data-status="working"], [data-status="queued"]')).toHaveCount(0);
}
