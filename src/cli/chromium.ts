// Runs in: Node. Where Chromium is and how to start it (the retouch command, the benchmark and Playwright share this).
import { existsSync } from 'node:fs';

/** Debian's Chromium where it is installed; else CHROMIUM_PATH; else Playwright's own browser (undefined). */
export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const systemChromium = '/usr/bin/chromium';
  return existsSync(systemChromium) ? systemChromium : undefined;
}

/** Flags for running as root on a closed network, without background traffic. */
export const chromiumArgs = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Extra flag that exposes WebGPU in headless Chromium (a software adapter where there is no GPU). */
export const webgpuArgs = ['--enable-unsafe-webgpu'];
