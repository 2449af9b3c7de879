// A full disk is reported as storage-quota; any other failure passes through unchanged.
import { describe, expect, it } from 'vitest';
import { guardQuota } from './quota';

describe('guardQuota', () => {
  it('turns QuotaExceededError into AppError(storage-quota) that says nothing stored was lost', async () => {
    const full = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    await expect(guardQuota(() => Promise.reject(full))).rejects.toMatchObject({ code: 'storage-quota', message: expect.stringMatching(/Nothing already saved was lost/) });
  });

  it('passes results and other errors through', async () => {
    await expect(guardQuota(async () => 42)).resolves.toBe(42);
    const other = new Error('transaction aborted');
    await expect(guardQuota(() => Promise.reject(other))).rejects.toBe(other);
  });
});
