// Messages between the main thread and retouch workers, and the comlink error handler that keeps `code`.
import { transferHandlers, type TransferHandler } from 'comlink';
import type { ImageId, JobId } from '../pipeline/ids';
import type { Look } from '../pipeline/look';
import type { ReferenceMeasurement } from '../pipeline/reference-look';
import type { ResultFacts } from '../pipeline/result-facts';
import type { StageProgress } from '../pipeline/runner';
import type { Backend } from '../pipeline/stage';
import type { SessionTiming } from '../models/session';
import type { BackendPreference } from '../platform/backend-probe';

export interface ProcessRequest {
  jobId: JobId;
  imageId: ImageId;
  source: Blob;
  look: Look;
  /** Extra files to return besides the finished picture. */
  extras?: ResultExtras;
}

/** Extra files a job can return (the retouch command's `--cutouts` and `--quality`). */
export interface ResultExtras {
  /** The piece on a transparent background, framed like the finished picture (PNG). */
  cutout?: boolean;
  /** The piece's mask at the decoded photo's size, grey 0..255 (PNG). */
  mask?: boolean;
}

export interface ProcessResult extends ResultFacts {
  imageId: ImageId;
  /** The finished picture, encoded in the look's format. */
  blob: Blob;
  /** A small JPEG of the finished picture for grids. */
  thumbnail: Blob;
  /** The cut-out small (PNG, long side ≤ 480 px) for live look previews. */
  cutoutPreview?: Blob;
  /** PNG cut-out, when `extras.cutout` was asked. */
  cutout?: Blob;
  /** PNG mask at the photo's size, when `extras.mask` was asked. */
  mask?: Blob;
  /** The worker's backend after this job (a WebGPU failure may have moved it to WASM). */
  status: WorkerStatus;
}

/** What measuring a reference photo returns: its look and notes, and its piece for the live look preview. */
export interface DerivedLook extends ReferenceMeasurement {
  /** The reference's piece placed in the measured look and cut out, small (PNG, long side ≤ 480 px), made as `ProcessResult.cutoutPreview` is; absent when that failed. */
  cutoutPreview?: Blob;
}

export interface JobProgress extends StageProgress {
  imageId: ImageId;
}

export interface WorkerStatus {
  backend: Backend;
  /** Why this backend, in words for the user (includes any fallback that happened). */
  reason: string;
  modelFile: string;
  threads: number;
  isCrossOriginIsolated: boolean;
  /** Time to create the model session, ms. */
  sessionMs: number;
  /** Where that time went (absent when the session failed or is shared). */
  sessionTiming?: SessionTiming;
}

/**
 * Failures injected on purpose, to prove the fallbacks work where no real GPU can fail on cue
 * (set `localStorage['lustre.debug.faults'] = 'webgpu-session'` or `'webgpu-run'`).
 */
export type InjectedFault = 'webgpu-session' | 'webgpu-run';

export interface PrepareOptions {
  preference: BackendPreference;
  faults?: InjectedFault[];
}

export interface BackendComparison {
  webgpu: { ok: boolean; ms: number; error?: string; adapter?: string };
  wasm: { ok: boolean; ms: number };
  /** Largest absolute difference between the two outputs (0..1 outputs). */
  maxAbsDiff: number;
}

let isErrorHandlerInstalled = false;

/** comlink rebuilds thrown errors as plain Errors; this handler also carries AppError's `code`. */
export function installErrorTransfer(): void {
  if (isErrorHandlerInstalled) return;
  isErrorHandlerInstalled = true;
  const base = transferHandlers.get('throw') as TransferHandler<unknown, unknown>;
  transferHandlers.set('throw', {
    canHandle: base.canHandle,
    serialize(wrapped) {
      const value = (wrapped as { value: unknown }).value;
      if (value instanceof Error) {
        const { message, name, stack } = value;
        const code = (value as { code?: unknown }).code;
        return [{ isError: true, value: { message, name, stack, code } }, []];
      }
      return [{ isError: false, value }, []];
    },
    deserialize: base.deserialize,
  } satisfies TransferHandler<unknown, unknown>);
}
