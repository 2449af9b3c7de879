import { describe, expect, it } from 'vitest';
import { formatFileSize } from './file-size';

describe('formatFileSize', () => {
  it('counts in decimal units, whole KB under a megabyte and one decimal above, never "1000 KB"', () => {
    expect(formatFileSize(1)).toBe('1 KB');
    expect(formatFileSize(400_000)).toBe('400 KB');
    expect(formatFileSize(999_499)).toBe('999 KB');
    expect(formatFileSize(999_500)).toBe('1.0 MB');
    expect(formatFileSize(10_000_000)).toBe('10.0 MB');
    expect(formatFileSize(999_949_999)).toBe('999.9 MB');
    expect(formatFileSize(999_950_000)).toBe('1.0 GB');
    expect(formatFileSize(10.8e9)).toBe('10.8 GB');
  });
});
