// Turns IndexedDB's quota failures into the app's storage-quota error, so the user hears "disk full".
import { AppError } from '../pipeline/errors';

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** Runs a write; a full disk becomes AppError('storage-quota'), anything else is rethrown. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) {
      throw new AppError('storage-quota', 'The browser has run out of storage space for Lustre. Export and delete finished batches, then try again. Nothing already saved was lost.', { cause: error });
    }
    throw error;
  }
}
