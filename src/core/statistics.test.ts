import { describe, expect, it } from 'vitest';
import { readSortedMedian, sortAscending } from './statistics';

describe('readSortedMedian', () => {
  it('takes the middle value of an odd list and the mean of the two middle ones of an even list', () => {
    expect(readSortedMedian(sortAscending([5, 1, 3]))).toBe(3);
    expect(readSortedMedian(sortAscending([4, 1, 3, 2]))).toBe(2.5);
    expect(readSortedMedian([7])).toBe(7);
  });

  it('sorts numerically, not as text, and leaves its input alone', () => {
    const values = [10, 9, 100];
    expect(sortAscending(values)).toEqual([9, 10, 100]);
    expect(values).toEqual([10, 9, 100]);
  });
});
