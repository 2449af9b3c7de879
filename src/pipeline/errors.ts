// AppError: the one error type the app raises, with a stable code that survives worker boundaries.

export type ErrorCode =
  | 'decode-failed'
  | 'unsupported-format'
  | 'image-too-large'
  | 'model-load-failed'
  | 'model-integrity'
  | 'backend-unavailable'
  | 'inference-failed'
  | 'empty-mask'
  | 'out-of-memory'
  | 'storage-quota'
  | 'export-failed'
  | 'worker-crashed'
  | 'aborted'
  | 'unknown';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

/** Reads the code of anything thrown, including errors rebuilt by comlink (plain objects with `code`). */
export function errorCodeOf(error: unknown): ErrorCode {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code as ErrorCode;
  }
  if (isAbortError(error)) return 'aborted';
  return 'unknown';
}

export function isAbortError(error: unknown): boolean {
  return (
    !!error &&
    typeof error === 'object' &&
    'name' in error &&
    (error.name === 'AbortError' || (error as { code?: unknown }).code === 'aborted')
  );
}

export function toAppError(error: unknown, fallback: ErrorCode = 'unknown'): AppError {
  if (error instanceof AppError) return error;
  const code = errorCodeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(code === 'unknown' ? fallback : code, message, { cause: error });
}
