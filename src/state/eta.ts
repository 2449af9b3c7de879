// Estimates the time left in a batch run from when images finished (wall clock, so parallel workers count).

/**
 * Milliseconds left, or undefined before the first image finishes.
 * @param finishTimesMs when each image of this run finished, ascending
 * @param startedAtMs when the run started (the first interval includes model loading, so it is pessimistic)
 */
export function estimateRemainingMs(finishTimesMs: readonly number[], startedAtMs: number, remaining: number): number | undefined {
  if (remaining <= 0) return 0;
  const count = finishTimesMs.length;
  if (count === 0) return undefined;
  const window = finishTimesMs.slice(-11);
  const intervalMs =
    window.length >= 2 ? (window[window.length - 1] - window[0]) / (window.length - 1) : finishTimesMs[0] - startedAtMs;
  return Math.max(0, intervalMs) * remaining;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
