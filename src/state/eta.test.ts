// ETA from finish times: rate from the recent window, undefined before anything finished.
import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, formatDuration } from './eta';

describe('estimateRemainingMs', () => {
  it('is unknown before the first image and zero when nothing is left', () => {
    expect(estimateRemainingMs([], 0, 5)).toBeUndefined();
    expect(estimateRemainingMs([1000], 0, 0)).toBe(0);
  });
  it('uses the first image time alone, then the interval between finishes', () => {
    expect(estimateRemainingMs([8000], 0, 3)).toBe(24_000);
    expect(estimateRemainingMs([8000, 10_000, 12_000], 0, 4)).toBe(8000);
  });
});

describe('formatDuration', () => {
  it('reads naturally', () => {
    expect(formatDuration(4_400)).toBe('4 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
});
