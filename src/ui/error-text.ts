// One place that turns error codes into words for the user.
import type { ErrorCode } from '../pipeline/errors';

const titles: Record<ErrorCode, string> = {
  'decode-failed': 'Could not read this photo',
  'unsupported-format': 'Unsupported file type',
  'image-too-large': 'Photo too large',
  'model-load-failed': 'The segmentation model could not be loaded',
  'model-integrity': 'The segmentation model is damaged',
  'backend-unavailable': 'The graphics backend is not available',
  'inference-failed': 'The segmentation model failed on this photo',
  'empty-mask': 'No piece of jewelry was found',
  'out-of-memory': 'Not enough memory',
  'storage-quota': 'Storage is full',
  'export-failed': 'Export failed',
  'worker-crashed': 'Processing stopped unexpectedly',
  aborted: 'Cancelled',
  unknown: 'Something went wrong',
};

export function describeErrorCode(code: ErrorCode): string {
  return titles[code] ?? titles.unknown;
}
