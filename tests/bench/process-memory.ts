// Samples the resident memory of every Chromium process on this machine (Linux /proc), to find the peak.
import { readdirSync, readFileSync } from 'node:fs';

function readChromiumRssBytes(): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '';
      if (!/chrom/i.test(name)) continue;
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      total += rssKb * 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/** Starts sampling every `intervalMs`; `stop()` returns the peak total RSS in bytes. */
export function samplePeakMemory(intervalMs = 200): { stop: () => number; reset: () => void } {
  let peak = readChromiumRssBytes();
  const timer = setInterval(() => {
    peak = Math.max(peak, readChromiumRssBytes());
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, readChromiumRssBytes());
    },
    reset: () => {
      peak = readChromiumRssBytes();
    },
  };
}
