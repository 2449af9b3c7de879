// Runs in: Node (Linux). Samples the resident memory of this process's descendants (the browser it started), to find the peak.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

interface ProcessInfo {
  parentPid: number;
  rssBytes: number;
}

function readProcesses(): Map<number, ProcessInfo> {
  const processes = new Map<number, ProcessInfo>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const parentPid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      processes.set(Number(entry), { parentPid, rssBytes: rssKb * 1024 });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return processes;
}

/** Total RSS of every process below `rootPid` (not counting it), bytes. */
export function readDescendantRssBytes(rootPid: number): number {
  const processes = readProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, info] of processes) children.set(info.parentPid, [...(children.get(info.parentPid) ?? []), pid]);
  let total = 0;
  const stack = [...(children.get(rootPid) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += processes.get(pid)?.rssBytes ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface MemorySampler {
  /** Peak so far, bytes; null where /proc is not available (not Linux). */
  peakBytes(): number | null;
  stop(): number | null;
}

/** Samples the descendants of this process every `intervalMs`. */
export function sampleDescendantMemory(intervalMs = 250): MemorySampler {
  if (!existsSync('/proc/self/status')) return { peakBytes: () => null, stop: () => null };
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, readDescendantRssBytes(process.pid));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    peakBytes: () => peak,
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
