// Playwright: the built app served cross-origin isolated by `vite preview`, in headless Chromium.
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium, webgpuArgs } from './src/cli/chromium';

/** Debian's Chromium where it is installed (CI, this dev box); Playwright's own browser elsewhere. */
const executablePath = findChromium();

const port = 4173;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: Number(process.env.E2E_TIMEOUT_MS ?? 240_000),
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /webgpu\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: chromiumArgs } },
    },
    {
      name: 'chromium-webgpu',
      testMatch: /webgpu\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: [...chromiumArgs, ...webgpuArgs] } },
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
