import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readDescendantRssBytes } from './process-memory';

describe.runIf(process.platform === 'linux')('readDescendantRssBytes', () => {
  it('counts a child holding 200 MB, and nothing once it has ended', async () => {
    const before = readDescendantRssBytes(process.pid);
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(200 * 2 ** 20, 1); console.log("ready"); setInterval(() => b[0]++, 1000);'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const during = readDescendantRssBytes(process.pid);
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
    expect(during - before).toBeGreaterThan(200 * 2 ** 20);
    expect(readDescendantRssBytes(process.pid)).toBeLessThan(during - 150 * 2 ** 20);
  });
});
