// Playwright config for the in-browser benchmark (not part of `npm test`): the built app, one worker, long timeout.
import { defineConfig } from '@playwright/test';
import base, { chromiumArgs } from '../../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /\.bench\.ts$/,
  timeout: 60 * 60_000,
  reporter: [['list']],
  projects: [
    {
      name: 'bench',
      use: { ...(base.projects?.[0]?.use ?? {}), launchOptions: { ...(base.projects?.[0]?.use?.launchOptions ?? {}), args: chromiumArgs } },
    },
  ],
});
