import { describe, expect, it } from 'vitest';
import { formatProgressLine } from './progress';

describe('formatProgressLine', () => {
  it('shows count, percent, failures, rate and time left', () => {
    expect(formatProgressLine({ total: 32, done: 11, failed: 1, elapsedMs: 120_000 })).toBe('[12/32] 37% · 1 failed · 6.0 photos/min · about 3m20s left');
  });

  it('has no rate before the first photo and no time left at the end', () => {
    expect(formatProgressLine({ total: 3, done: 0, failed: 0, elapsedMs: 5_000 })).toBe('[0/3] 0%');
    expect(formatProgressLine({ total: 3, done: 3, failed: 0, elapsedMs: 30_000 })).toBe('[3/3] 100% · 6.0 photos/min');
  });
});
