// Runs in: main thread. Starts retouch workers lazily, queues jobs, cancels softly then hard, replaces crashed workers.
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { AppError } from '../pipeline/errors';
import type { BackendPreference } from '../platform/backend-probe';
import type { Look } from '../pipeline/look';
import type { RetouchApi } from './retouch.worker';
import {
  installErrorTransfer,
  type BackendComparison,
  type DerivedLook,
  type InjectedFault,
  type JobProgress,
  type ProcessRequest,
  type ProcessResult,
  type WorkerStatus,
} from './protocol';

export interface PoolOptions {
  /** How many workers at most. Each holds its own model session (~1 GB while running). */
  size: number;
  preference: BackendPreference;
  faults?: InjectedFault[];
  /** A worker with nothing to do for this long is ended (its memory returns to the system). */
  idleMs?: number;
  /** After a cancel, how long a job may take to stop before its worker is terminated. */
  cancelGraceMs?: number;
  /** How long the WebGPU-against-WASM check may take before it is stopped (a hung GPU driver never answers). */
  compareTimeoutMs?: number;
}

interface Slot {
  worker: Worker;
  api: Remote<RetouchApi>;
  ready: Promise<WorkerStatus>;
  isBusy: boolean;
  idleTimer?: ReturnType<typeof setTimeout>;
  /** Rejects the job in flight when the worker dies. */
  failCurrent?: (error: Error) => void;
}

interface QueuedJob {
  request: ProcessRequest;
  signal: AbortSignal;
  /** Removes the job from the queue if aborted before a worker takes it. */
  onQueuedAbort: () => void;
  onprogress?: (progress: JobProgress) => void;
  resolve: (result: ProcessResult) => void;
  reject: (error: unknown) => void;
}

/** Pool size from the machine: ONNX Runtime uses up to 4 threads per worker; two sessions at most. */
export function choosePoolSize(hardwareConcurrency: number): number {
  return Math.min(2, Math.max(1, Math.floor(hardwareConcurrency / 4)));
}

export class RetouchPool {
  readonly #options: Required<PoolOptions>;
  readonly #slots: Slot[] = [];
  readonly #queue: QueuedJob[] = [];
  /** Running WebGPU checks: each stops its own worker and rejects with the reason given. */
  readonly #checks = new Set<(reason: Error) => void>();
  #onstatus?: (status: WorkerStatus) => void;
  #lastStatus?: WorkerStatus;

  constructor(options: PoolOptions, onstatus?: (status: WorkerStatus) => void) {
    installErrorTransfer();
    this.#options = { idleMs: 60_000, cancelGraceMs: 3_000, compareTimeoutMs: 90_000, faults: [], ...options };
    this.#onstatus = onstatus;
  }

  process = (signal: AbortSignal, request: ProcessRequest, onprogress?: (progress: JobProgress) => void): Promise<ProcessResult> => {
    signal.throwIfAborted();
    return new Promise<ProcessResult>((resolve, reject) => {
      const job: QueuedJob = {
        request,
        signal,
        onprogress,
        resolve,
        reject,
        onQueuedAbort: () => {
          const index = this.#queue.indexOf(job);
          if (index >= 0) {
            this.#queue.splice(index, 1);
            reject(signal.reason ?? new DOMException('Cancelled', 'AbortError'));
          }
        },
      };
      signal.addEventListener('abort', job.onQueuedAbort, { once: true });
      this.#queue.push(job);
      this.#pump();
    });
  };

  /** Measures a look from a reference photo, with its piece for the preview, on the first worker (not while a batch runs: one model run at a time). */
  deriveLook = async (source: Blob, base: Look, name: string): Promise<DerivedLook> => {
    const slot = this.#slots.find((s) => !s.isBusy) ?? (this.#slots.length < this.#options.size ? this.#startSlot() : undefined);
    if (!slot) throw new AppError('unknown', 'Every worker is busy; measure the reference once the batch is done.');
    // A worker that dies meanwhile (out of memory) rejects this instead of leaving it pending.
    return this.#occupy(slot, async (settle) => {
      await Promise.race([slot.ready, settle]);
      return Promise.race([slot.api.deriveLook(source, base, name), settle]);
    });
  };

  /**
   * Runs the probe model on WebGPU and on WASM in a worker of its own, ended afterwards: it loads no ISNet (no model
   * download, no session beside a batch's) and shares nothing with the pool, so it can run while a batch does. A
   * check that does not answer in time (a hung GPU driver never does) or whose worker dies says so.
   */
  compareBackends = async (): Promise<BackendComparison> => {
    const worker = new Worker(new URL('./retouch.worker.ts', import.meta.url), { type: 'module', name: 'backend-check' });
    const api = wrap<RetouchApi>(worker);
    const seconds = Math.round(this.#options.compareTimeoutMs / 1000);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop = (_reason: Error): void => undefined;
    const failed = new Promise<never>((_, reject) => {
      stop = reject;
      worker.addEventListener('error', (event) => reject(new AppError('worker-crashed', `The check's worker stopped (${event.message || 'unexpectedly'}).`)));
      timer = setTimeout(
        () => reject(new AppError('unknown', `The check did not finish in ${seconds} s (loading the runtime, or WebGPU not answering), so it was stopped; photos go on as before.`)),
        this.#options.compareTimeoutMs,
      );
    });
    this.#checks.add(stop);
    try {
      return await Promise.race([api.compareBackends(), failed]);
    } finally {
      this.#checks.delete(stop);
      clearTimeout(timer);
      api[releaseProxy]();
      worker.terminate();
    }
  };

  terminate = (): void => {
    for (const stop of this.#checks) stop(new AppError('unknown', 'The engine restarted (a new backend choice) during the check; check again.'));
    for (const slot of this.#slots.splice(0)) {
      this.#endSlot(slot);
      slot.failCurrent?.(new DOMException('Pool closed', 'AbortError'));
    }
    for (const job of this.#queue.splice(0)) job.reject(new DOMException('Pool closed', 'AbortError'));
  };

  #startSlot(): Slot {
    const worker = new Worker(new URL('./retouch.worker.ts', import.meta.url), { type: 'module', name: 'retouch' });
    const api = wrap<RetouchApi>(worker);
    const slot: Slot = { worker, api, ready: Promise.resolve() as never, isBusy: false };
    worker.addEventListener('error', (event) => this.#onCrash(slot, event.message || 'the worker stopped unexpectedly'));
    slot.ready = api.prepare({ preference: this.#options.preference, faults: this.#options.faults }).then((status) => {
      this.#reportStatus(status);
      if (!slot.isBusy) this.#scheduleIdleEnd(slot);
      return status;
    });
    slot.ready.catch(() => this.#removeSlot(slot));
    this.#slots.push(slot);
    return slot;
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => !s.isBusy);
      if (!slot && this.#slots.length < this.#options.size) slot = this.#startSlot();
      if (!slot) return;
      const job = this.#queue.shift()!;
      void this.#run(slot, job);
    }
  }

  #reportStatus(status: WorkerStatus): void {
    const last = this.#lastStatus;
    if (last && last.backend === status.backend && last.reason === status.reason) return;
    this.#lastStatus = status;
    this.#onstatus?.(status);
  }

  /** Marks `slot` busy while `task` runs (`settle` rejects if the worker dies meanwhile), then frees it and feeds the queue. */
  async #occupy<T>(slot: Slot, task: (settle: Promise<never>) => Promise<T>): Promise<T> {
    slot.isBusy = true;
    clearTimeout(slot.idleTimer);
    const settle = new Promise<never>((_, reject) => {
      slot.failCurrent = reject;
    });
    try {
      return await task(settle);
    } finally {
      slot.failCurrent = undefined;
      slot.isBusy = false;
      if (this.#slots.includes(slot)) this.#scheduleIdleEnd(slot);
      this.#pump();
    }
  }

  async #run(slot: Slot, job: QueuedJob): Promise<void> {
    job.signal.removeEventListener('abort', job.onQueuedAbort);
    const progress = job.onprogress ? proxy(job.onprogress) : undefined;
    await this.#occupy(slot, async (settle) => {
      let hardTimer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => {
        void slot.api.cancel(job.request.jobId).catch(() => undefined);
        hardTimer = setTimeout(() => {
          this.#removeSlot(slot);
          slot.failCurrent?.(new DOMException('Cancelled', 'AbortError'));
        }, this.#options.cancelGraceMs);
      };
      let onAbortWhileLoading = () => undefined as void;
      const abortedWhileLoading = new Promise<never>((_, reject) => {
        onAbortWhileLoading = () => reject(job.signal.reason);
      });
      abortedWhileLoading.catch(() => undefined);
      try {
        // A cancel while the model is still loading must not kill the worker: stop waiting, keep the load.
        job.signal.addEventListener('abort', onAbortWhileLoading, { once: true });
        await Promise.race([slot.ready, settle, abortedWhileLoading]);
        job.signal.removeEventListener('abort', onAbortWhileLoading);
        job.signal.throwIfAborted();
        job.signal.addEventListener('abort', onAbort, { once: true });
        const result = await Promise.race([slot.api.process(job.request, progress), settle]);
        this.#reportStatus(result.status);
        job.resolve(result);
      } catch (error) {
        job.reject(job.signal.aborted ? (job.signal.reason ?? error) : error);
      } finally {
        clearTimeout(hardTimer);
        job.signal.removeEventListener('abort', onAbortWhileLoading);
        job.signal.removeEventListener('abort', onAbort);
      }
    });
  }


  #scheduleIdleEnd(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (!slot.isBusy) this.#removeSlot(slot);
    }, this.#options.idleMs);
  }

  #onCrash(slot: Slot, message: string): void {
    this.#removeSlot(slot);
    slot.failCurrent?.(new AppError('worker-crashed', `The retouch worker stopped (${message}). The photo may be too large for this device's memory.`));
    this.#pump();
  }

  #removeSlot(slot: Slot): void {
    const index = this.#slots.indexOf(slot);
    if (index >= 0) this.#slots.splice(index, 1);
    this.#endSlot(slot);
  }

  #endSlot(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    slot.api[releaseProxy]();
    slot.worker.terminate();
  }
}
