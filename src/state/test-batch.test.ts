import { describe, expect, it } from 'vitest';
import { defaultTestBatchSize, pickTestBatchSize } from './test-batch';

describe('pickTestBatchSize', () => {
  it('offers the default 12 for a batch bigger than 12, and nothing for one of 12 or fewer', () => {
    expect(defaultTestBatchSize).toBe(12);
    expect(pickTestBatchSize(defaultTestBatchSize, 13)).toBe(12);
    expect(pickTestBatchSize(defaultTestBatchSize, 500)).toBe(12);
    expect(pickTestBatchSize(defaultTestBatchSize, 12)).toBeUndefined();
  });

  it('offers the size chosen when the batch is bigger', () => {
    expect(pickTestBatchSize(3, 5)).toBe(3);
    expect(pickTestBatchSize(3, 3)).toBeUndefined();
    expect(pickTestBatchSize(20, 13)).toBeUndefined();
  });
});
