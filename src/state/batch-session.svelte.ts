// Runs in: main thread. The open batch: its images and their previews, adding photos, running the batch, cancelling, exporting.
import { downloadBlob } from '../export/download';
import type { RgbaImage } from '../core/image';
import { listFailedExportChecks, type ExportCheck } from '../pipeline/result-facts';
import { scoreBatchMatch, type BatchMatch } from '../pipeline/batch-match';
import type { Look } from '../pipeline/look';
import { applyPhotoAdjustments, hasPhotoAdjustments, keepPhotoAdjustments, type PhotoAdjustments } from '../pipeline/photo-adjustments';
import type { ReferenceMeasurement } from '../pipeline/reference-look';
import { decodeImageFile } from '../platform/image-codec';
import { describeForManifest } from '../export/manifest';
import { applyNameTemplate, defaultNameTemplate, findNameTemplateProblem } from '../export/naming';
import { buildResultsZip, type ZipEntrySource } from '../export/zip';
import { AppError, errorCodeOf, toAppError, type ErrorCode } from '../pipeline/errors';
import { newJobId, type ImageId } from '../pipeline/ids';
import { computePipelineKey, type StageProgress } from '../pipeline/runner';
import { pipelineStages } from '../pipeline/stages';
import { isLikelyImageFile, makeSourceThumbnail } from '../platform/thumbnail';
import type { BatchRepository, NewImage } from '../storage/batch-repository';
import type { BatchRecord, ImageRecord, ResultRecord } from '../storage/records';
import type { RetouchPool } from '../workers/pool';
import { estimateRemainingMs } from './eta';
import type { Notices } from './notices.svelte';

/** Failures that would happen again on retry: the file itself is the problem. */
const unretryableCodes: ReadonlySet<ErrorCode> = new Set(['decode-failed', 'unsupported-format']);

/** Errors that stop the whole batch: every image would fail the same way. */
const batchWideCodes: ReadonlySet<ErrorCode> = new Set(['model-load-failed', 'model-integrity', 'storage-quota']);

export interface IncomingFile {
  file: Blob & { name: string };
  /** Path inside a dropped folder, or the file name. */
  path: string;
}

export interface ImageView {
  record: ImageRecord;
  sourceUrl?: string;
  resultUrl?: string;
  /** The stage running now, while working. */
  stage?: StageProgress;
}

/** The export checks a finished photo's file failed (none for results made before these checks existed). */
export function failedExportChecks(view: ImageView): ExportCheck[] {
  return listFailedExportChecks(view.record.result?.exportChecks);
}

export interface RunState {
  isRunning: boolean;
  isCancelling: boolean;
  startedAtMs: number;
  finishTimesMs: number[];
  /** The images this run set out to process (its size, and what is left of it, not of the whole batch). */
  ids: readonly ImageId[];
  /** What the run is for, to say so beside its progress. */
  purpose: RunPurpose;
}

/** A whole-batch run, a test batch of the first few photos, re-making finished photos (with a new look, their own adjustments, or for their cut-outs), or a retry. */
export type RunPurpose = 'batch' | 'test' | 'selected' | 'retry' | 'cutouts';

/** A measured reference photo: its look and notes, and its piece on transparency for the live look preview. */
export interface MeasuredReference extends ReferenceMeasurement {
  /** The reference's piece framed in the measured look, small (long side ≤ 480 px), as a finished photo's preview cut-out; absent when it could not be made. */
  previewCutout?: RgbaImage;
}

/** Decodes a small preview cut-out (PNG with alpha) to pixels. */
async function decodePreviewCutout(png: Blob): Promise<RgbaImage> {
  return (await decodeImageFile(png, 4_000_000)).image;
}

/** Web Lock names of batches being processed (any tab): `lustre-batch-<id>`. */
const batchLockPrefix = 'lustre-batch-';

/** Whether any tab holds a batch's processing lock (an app update now would swap the code under it). */
export async function isBatchRunningInAnyTab(): Promise<boolean> {
  if (!navigator.locks) return false;
  const { held = [] } = await navigator.locks.query();
  return held.some((lock) => lock.name?.startsWith(batchLockPrefix));
}

/**
 * Runs `task` holding this batch's Web Lock, so two tabs never process (or requeue) the same batch.
 * Resolves false, without running `task`, when another tab holds it.
 */
async function withBatchLock(batchId: string, task: () => Promise<void>): Promise<boolean> {
  if (!navigator.locks) {
    await task();
    return true;
  }
  return navigator.locks.request(`${batchLockPrefix}${batchId}`, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await task();
    return true;
  });
}

/** The batch being processed; a reload finds it here and resumes. */
const runningKey = 'lustre.runningBatch';
const batchClosedMessage = 'Batch closed';

export class BatchSession {
  batch = $state.raw<BatchRecord>() as BatchRecord;
  images = $state.raw<ImageView[]>([]);
  run = $state.raw<RunState>({ isRunning: false, isCancelling: false, startedAtMs: 0, finishTimesMs: [], ids: [], purpose: 'batch' });
  isImporting = $state(false);
  exportProgress = $state.raw<number | undefined>(undefined);

  /** Processing, importing or exporting: a reload now would interrupt it. */
  isBusy = $derived(this.run.isRunning || this.isImporting || this.exportProgress !== undefined);

  counts = $derived.by(() => {
    const counts = { queued: 0, working: 0, done: 0, failed: 0, total: this.images.length };
    for (const image of this.images) counts[image.record.status]++;
    return counts;
  });

  /** The cache key results made with the current look have; a finished photo with another key is stale. */
  pipelineKey = $derived(computePipelineKey(pipelineStages, this.batch.look));

  /** The look a photo is made with: the batch's, with the photo's own adjustments. */
  lookFor = (record: ImageRecord): Look => applyPhotoAdjustments(this.batch.look, record.adjustments);

  /** The cache key a photo's result has when it is up to date (the batch's, unless the photo has adjustments). */
  #pipelineKeyFor(record: ImageRecord): string {
    return hasPhotoAdjustments(record.adjustments) ? computePipelineKey(pipelineStages, this.lookFor(record)) : this.pipelineKey;
  }

  /** Finished photos made with an older look (or an older pipeline, or before their own adjustments). */
  stale = $derived(this.images.filter((view) => view.record.status === 'done' && view.record.result?.pipelineKey !== this.#pipelineKeyFor(view.record)));

  /** Whether a photo is among `stale`, by id. */
  #staleIds: Readonly<Record<ImageId, true>> = $derived(Object.fromEntries(this.stale.map((view) => [view.record.id, true])));
  isStale = (id: ImageId): boolean => this.#staleIds[id] === true;

  /**
   * How well each finished, current photo matches the rest of the batch and its look (highlights, a white metal's
   * cast, fill), by id. Stale photos and results made before pieces were measured are not scored.
   */
  #matches = $derived.by(() => {
    const candidates = this.images.flatMap((view) => {
      const piece = view.record.result?.piece;
      if (view.record.status !== 'done' || !piece || this.isStale(view.record.id)) return [];
      const hasOwnBrightness = view.record.adjustments?.highlightL !== undefined;
      return [{ id: view.record.id, piece, metal: view.record.result?.metal, look: this.lookFor(view.record), hasOwnBrightness }];
    });
    return scoreBatchMatch(candidates);
  });
  matchOf = (id: ImageId): BatchMatch | undefined => this.#matches.get(id);

  /** How many photos do not look like the rest of the batch (past a consistency bar). */
  outlierCount = $derived([...this.#matches.values()].filter((match) => match.isOutlier).length);

  /**
   * Finished photos the check stage flagged (worn, held, cut off, props, unsure mask), or whose file failed an export
   * check. Only finished ones: a photo being re-made leaves the list until its new picture is judged.
   */
  toCheck = $derived(this.images.filter((view) => view.record.status === 'done' && ((view.record.result?.checks?.length ?? 0) > 0 || failedExportChecks(view).length > 0)));

  /** Photos of the current run still queued or being made. */
  runRemaining = $derived.by(() => {
    // A lookup built and read here only, never mutated: nothing to make reactive.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const ids = new Set(this.run.ids);
    return this.images.filter((view) => ids.has(view.record.id) && (view.record.status === 'queued' || view.record.status === 'working')).length;
  });

  etaMs = $derived.by(() => (this.run.isRunning ? estimateRemainingMs(this.run.finishTimesMs, this.run.startedAtMs, this.runRemaining) : undefined));

  /**
   * With cut-outs asked for, finished photos made with the current look whose picture has none (made before they were
   * asked for). Stale photos get theirs when the new look is applied.
   */
  missingCutouts = $derived(
    this.batch.exportCutouts ? this.images.filter((view) => view.record.status === 'done' && view.record.result?.cutoutBytes === undefined && !this.isStale(view.record.id)) : [],
  );

  /** Photos with a finished picture to export: done, or being re-made with a new look (the earlier picture is kept until replaced, also when the re-make fails). */
  exportable = $derived(this.images.filter((view) => view.record.result !== undefined));

  readonly #repository: BatchRepository;
  readonly #pool: () => RetouchPool;
  readonly #concurrency: number;
  readonly #notices: Notices;
  readonly #onstored: () => void;
  #controller?: AbortController;
  #isDisposed = false;
  /** Imports run one after another, so indexes stay unique and order follows the drops. */
  #importQueue: Promise<void> = Promise.resolve();
  /** Worker crashes in a row with no photo finished in between (two mean the device can't run the batch). */
  #crashStreak = 0;
  // Bookkeeping only (never rendered), so a plain Set.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #urls = new Set<string>();

  constructor(batch: BatchRecord, repository: BatchRepository, pool: () => RetouchPool, concurrency: number, notices: Notices, onstored: () => void) {
    this.#onstored = onstored;
    this.batch = batch;
    this.#repository = repository;
    this.#pool = pool;
    this.#concurrency = concurrency;
    this.#notices = notices;
  }

  /**
   * Loads images and previews. Unless another tab is processing this batch, images left "working" by a
   * closed tab go back to the queue, and a run the reload interrupted resumes.
   */
  load = async (): Promise<void> => {
    const isRunElsewhere = !(await withBatchLock(this.batch.id, async () => {
      const { failed } = await this.#repository.requeueInterrupted(this.batch.id);
      if (failed > 0) this.#notices.push('warning', `${failed} photo${failed === 1 ? '' : 's'} kept stopping the processing`, 'They are marked as failed with the reason.');
    }));
    const records = await this.#repository.listImages(this.batch.id);
    const views = await Promise.all(records.map((record) => this.#makeView(record)));
    if (this.#isDisposed) return;
    this.images = views;
    if (isRunElsewhere) {
      this.#notices.push('info', 'This batch is being processed in another tab');
    } else if (localStorage.getItem(runningKey) === this.batch.id && this.counts.queued > 0) {
      this.#notices.push('info', 'Resuming the batch', 'The page was closed while processing; picking up where it stopped.');
      void this.process();
    }
  };

  async #makeView(record: ImageRecord): Promise<ImageView> {
    const [source, result] = await Promise.all([
      this.#repository.getSource(record.id),
      record.status === 'done' ? this.#repository.getResult(record.id) : undefined,
    ]);
    return { record, sourceUrl: source?.thumbnail && this.#objectUrl(source.thumbnail), resultUrl: result && this.#objectUrl(result.thumbnail) };
  }

  #objectUrl(blob: Blob): string | undefined {
    if (this.#isDisposed) return undefined;
    const url = URL.createObjectURL(blob);
    this.#urls.add(url);
    return url;
  }

  /** Frees previews; call when the batch is closed. */
  dispose = (): void => {
    this.#isDisposed = true;
    this.#controller?.abort(new DOMException(batchClosedMessage, 'AbortError'));
    for (const url of this.#urls) URL.revokeObjectURL(url);
    this.#urls.clear();
  };

  #replace(id: ImageId, change: (view: ImageView) => ImageView): void {
    this.images = this.images.map((view) => (view.record.id === id ? change(view) : view));
  }

  /**
   * Stores new photos one by one (each is safe in IndexedDB as soon as it is read); files that cannot
   * be decoded become failed images with the reason. Drops made meanwhile wait their turn.
   */
  addFiles = (incoming: IncomingFile[]): Promise<void> => {
    this.#importQueue = this.#importQueue.then(() => this.#importFiles(incoming));
    return this.#importQueue;
  };

  async #importFiles(incoming: IncomingFile[]): Promise<void> {
    const files = incoming.filter(({ file, path }) => isLikelyImageFile({ name: path, type: file.type }));
    const skipped = incoming.length - files.length;
    if (skipped > 0) this.#notices.push('info', `Skipped ${skipped} file${skipped === 1 ? '' : 's'} that ${skipped === 1 ? 'is' : 'are'} not a photo`);
    if (files.length === 0 || this.#isDisposed) return;
    this.isImporting = true;
    let failed = 0;
    try {
      for (const { file, path } of files) {
        if (this.#isDisposed) return;
        let prepared: NewImage;
        try {
          prepared = { name: path, blob: file, thumbnail: await makeSourceThumbnail(file) };
        } catch (error) {
          const appError = toAppError(error, 'decode-failed');
          prepared = { name: path, blob: file, error: { code: appError.code, message: appError.message } };
          failed++;
        }
        const [record] = await this.#repository.addImages(this.batch.id, [prepared]);
        this.images = [...this.images, { record, sourceUrl: prepared.thumbnail && this.#objectUrl(prepared.thumbnail) }];
      }
      this.#onstored();
      if (failed > 0) this.#notices.push('warning', `${failed} file${failed === 1 ? '' : 's'} could not be read`, 'They are marked as failed with the reason; the rest are ready.');
    } catch (error) {
      this.#reportError(error);
    } finally {
      this.isImporting = false;
    }
  }

  removeImage = async (id: ImageId): Promise<void> => {
    await this.#repository.deleteImage(id);
    this.images = this.images.filter((view) => view.record.id !== id);
  };

  /**
   * Processes queued images with the worker pool, in the order added; finished results are stored as they arrive.
   * With `limit`, only the first `limit` queued photos (a test batch, to judge the look before the rest); with
   * `ids`, only those. Only a whole-batch run resumes by itself after a reload.
   */
  process = async (options: { limit?: number; ids?: readonly ImageId[]; purpose?: 'selected' | 'retry' | 'cutouts' } = {}): Promise<void> => {
    const { limit, ids } = options;
    const isWholeBatch = limit === undefined && ids === undefined;
    if (this.run.isRunning || this.#isDisposed) return;
    const controller = new AbortController();
    this.#controller = controller;
    const purpose: RunPurpose = isWholeBatch ? 'batch' : limit !== undefined ? 'test' : (options.purpose ?? 'selected');
    // The run's photos are known once the batch lock is held; until then it counts 0 of 0.
    this.run = { isRunning: true, isCancelling: false, startedAtMs: performance.now(), finishTimesMs: [], ids: [], purpose };
    const hadLock = await withBatchLock(this.batch.id, async () => {
      if (isWholeBatch) localStorage.setItem(runningKey, this.batch.id);
      const queue = this.images
        .filter((view) => view.record.status === 'queued' && (!ids || ids.includes(view.record.id)))
        .sort((a, b) => a.record.index - b.record.index)
        .slice(0, limit ?? Number.POSITIVE_INFINITY)
        .map((view) => view.record.id);
      this.run = { ...this.run, ids: [...queue] };
      const runners = Array.from({ length: Math.min(this.#concurrency, queue.length) }, async () => {
        for (let id = queue.shift(); id && !controller.signal.aborted; id = queue.shift()) {
          await this.#processOne(id, controller);
        }
      });
      await Promise.all(runners);
      const wasClosed = controller.signal.aborted && (controller.signal.reason as Error | undefined)?.message === batchClosedMessage;
      if (!wasClosed) localStorage.removeItem(runningKey);
    });
    this.#onstored();
    if (!hadLock) this.#notices.push('warning', 'This batch is being processed in another tab', 'Close the other tab, or wait for it to finish.');
    this.run = { ...this.run, isRunning: false, isCancelling: false };
    this.#controller = undefined;
  };

  async #processOne(id: ImageId, controller: AbortController): Promise<void> {
    const view = this.images.find((v) => v.record.id === id);
    if (!view || view.record.status !== 'queued') return;
    const working: ImageRecord = { ...view.record, status: 'working', attempts: (view.record.attempts ?? 0) + 1 };
    delete working.error;
    try {
      if (!(await this.#repository.putImage(working))) return;
      this.#replace(id, (v) => ({ ...v, record: working }));
      const source = await this.#repository.getSource(id);
      if (!source) throw new AppError('decode-failed', 'The original of this image is missing from storage.');
      const result = await this.#pool().process(
        controller.signal,
        {
          jobId: newJobId(),
          imageId: id,
          source: source.blob,
          look: $state.snapshot(this.lookFor(view.record)),
          ...(this.batch.exportCutouts || this.run.purpose === 'cutouts' ? { extras: { cutout: true } } : {}),
        },
        (stage) => this.#replace(id, (v) => ({ ...v, stage })),
      );
      const { imageId: _imageId, blob, thumbnail: _thumbnail, status: _status, cutout, cutoutPreview, mask: _mask, ...facts } = result;
      const summary = { ...facts, sizeBytes: blob.size, finishedAt: Date.now(), ...(cutout ? { cutoutBytes: cutout.size } : {}) };
      const done: ImageRecord = { ...working, status: 'done', attempts: 0, result: summary };
      const isStored = await this.#repository.saveResult(done, {
        imageId: id,
        batchId: this.batch.id,
        pipelineKey: result.pipelineKey,
        blob: result.blob,
        thumbnail: result.thumbnail,
        ...(cutoutPreview ? { cutoutPreview } : {}),
        ...(cutout ? { cutout } : {}),
      });
      this.#crashStreak = 0;
      if (!isStored) return;
      this.#replace(id, (v) => ({ record: done, sourceUrl: v.sourceUrl, resultUrl: this.#objectUrl(result.thumbnail) }));
      this.run = { ...this.run, finishTimesMs: [...this.run.finishTimesMs, performance.now()] };
    } catch (error) {
      if (controller.signal.aborted) {
        // Cancelled (or a batch-wide error stopped the run): back to the queue, nothing recorded against it; a photo
        // being re-made for a new look keeps its earlier result.
        const back: ImageRecord = { ...working, status: view.record.result ? 'done' : 'queued', attempts: view.record.attempts ?? 0 };
        await this.#repository.putImage(back).catch(() => undefined);
        this.#replace(id, (v) => ({ ...v, record: back, stage: undefined }));
        return;
      }
      const appError = toAppError(error);
      // Re-making a finished photo that failed keeps its earlier result (done, not failed); a new photo fails with the reason.
      const isKept = view.record.result !== undefined;
      const record: ImageRecord = isKept ? { ...working, status: 'done', attempts: 0 } : { ...working, status: 'failed', error: { code: appError.code, message: appError.message } };
      await this.#repository.putImage(record).catch(() => undefined);
      this.#replace(id, (v) => ({ ...v, record, stage: undefined }));
      if (!isKept) this.#crashStreak = appError.code === 'worker-crashed' ? this.#crashStreak + 1 : 0;
      const isCrashLoop = !isKept && this.#crashStreak >= 2;
      // A batch-wide error (a full disk, a model that cannot load) or a worker that keeps crashing stops the run.
      if (batchWideCodes.has(appError.code) || isCrashLoop) {
        this.#reportError(isCrashLoop ? new AppError('worker-crashed', 'Processing stopped: the retouch worker crashed twice in a row. Close other tabs to free memory, then press Resume.') : appError);
        controller.abort(appError);
      } else if (isKept) {
        this.#notices.push('warning', `${view.record.name} could not be re-made`, `${appError.message} Its earlier result is kept.`);
      }
    }
  }

  /** Stops the run; images not finished go back to the queue, finished ones stay. */
  cancel = (): void => {
    if (!this.run.isRunning) return;
    this.run = { ...this.run, isCancelling: true };
    localStorage.removeItem(runningKey);
    this.#controller?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  };

  /**
   * Re-makes the stale finished photos with the current look, and only those. Each keeps its earlier result
   * until the new one replaces it (a cancel or a failure leaves the earlier one in place).
   */
  applyLookToStale = (): Promise<void> => this.#requeueAndProcess(this.stale, 'selected');

  /** Puts `views` back in the queue (their errors dropped, their earlier results kept) and processes them, and only them. */
  async #requeueAndProcess(views: readonly ImageView[], purpose: 'selected' | 'retry' | 'cutouts'): Promise<void> {
    if (this.run.isRunning) return;
    const ids: ImageId[] = [];
    for (const view of views) {
      const queued: ImageRecord = { ...view.record, status: 'queued', attempts: 0 };
      delete queued.error;
      await this.#repository.putImage(queued);
      this.#replace(view.record.id, (v) => ({ ...v, record: queued }));
      ids.push(view.record.id);
    }
    await this.process({ ids, purpose });
  }

  /**
   * Keeps a photo's own adjustments (those equal to the look's are dropped) and, when it is finished and no run is on,
   * re-makes it with them at once; its earlier result stays until the new one is made.
   */
  adjustPhoto = async (id: ImageId, adjustments: PhotoAdjustments): Promise<void> => {
    const view = this.images.find((v) => v.record.id === id);
    if (!view || view.record.status === 'working') return;
    const kept = keepPhotoAdjustments(this.batch.look, adjustments);
    const record: ImageRecord = { ...view.record };
    if (kept) record.adjustments = kept;
    else delete record.adjustments;
    const shouldRemake = record.status === 'done' && !this.run.isRunning && record.result?.pipelineKey !== this.#pipelineKeyFor(record);
    if (shouldRemake) record.status = 'queued';
    if (!(await this.#repository.putImage(record))) return;
    this.#replace(id, (v) => ({ ...v, record }));
    if (shouldRemake) await this.process({ ids: [id] });
  };

  /** Failed images worth another try (a damaged or unsupported file fails the same way again). */
  retryable = $derived(this.images.filter((view) => view.record.status === 'failed' && !unretryableCodes.has(view.record.error?.code ?? 'unknown')));

  /** Puts failed images back in the queue and processes them (as Apply the new look does its photos). */
  retryFailed = (): Promise<void> => this.#requeueAndProcess(this.retryable, 'retry');

  /** Re-makes the finished photos that have no cut-out, so the export can carry one for every picture. */
  makeMissingCutouts = (): Promise<void> => this.#requeueAndProcess(this.missingCutouts, 'cutouts');

  /** The small cut-out (pixels with alpha) of the first finished photo that has one, for live look previews. */
  loadPreviewCutout = async (): Promise<RgbaImage | undefined> => {
    // Photos with their own adjustments last: their piece carries their brightness, not the look's.
    const done = this.images
      .filter((view) => view.record.status === 'done')
      .sort((a, b) => Number(hasPhotoAdjustments(a.record.adjustments)) - Number(hasPhotoAdjustments(b.record.adjustments)) || a.record.index - b.record.index);
    for (const view of done) {
      const result = await this.#repository.getResult(view.record.id);
      if (result?.cutoutPreview) return decodePreviewCutout(result.cutoutPreview);
    }
    return undefined;
  };

  /** True while a reference photo is being measured. */
  isMeasuringReference = $state(false);

  /**
   * Measures the look of a reference photo (a file, or a photo of this batch by id): background, framing,
   * shadow and tone, with its piece cut out for the live preview. Returns undefined, with a notice, when it
   * cannot (a batch is running, no piece found).
   */
  measureReference = async (reference: { file: File } | { imageId: ImageId }): Promise<MeasuredReference | undefined> => {
    if (this.run.isRunning) {
      this.#notices.push('warning', 'Finish or cancel the running batch before measuring a reference photo.');
      return undefined;
    }
    this.isMeasuringReference = true;
    try {
      let source: Blob | undefined;
      let name: string;
      if ('file' in reference) {
        source = reference.file;
        name = reference.file.name;
      } else {
        source = (await this.#repository.getSource(reference.imageId))?.blob;
        name = this.images.find((view) => view.record.id === reference.imageId)?.record.name ?? 'a photo';
      }
      if (!source) throw new AppError('decode-failed', 'The reference photo is missing from storage.');
      const { cutoutPreview, ...measured } = await this.#pool().deriveLook(source, $state.snapshot(this.batch.look) as Look, `Like ${name.replace(/\.[^.]*$/, '')}`);
      // The preview is a nicety: without it (or when it cannot be decoded) the measurement still stands.
      const previewCutout = cutoutPreview ? await decodePreviewCutout(cutoutPreview).catch(() => undefined) : undefined;
      return { ...measured, ...(previewCutout ? { previewCutout } : {}) };
    } catch (error) {
      this.#reportError(error);
      return undefined;
    } finally {
      this.isMeasuringReference = false;
    }
  };

  /** Downloads the batch's look as a .json file (to reuse it in another batch or with `npm run retouch -- --look FILE`). */
  exportLook = (): void => {
    const json = JSON.stringify($state.snapshot(this.batch.look), null, 2);
    downloadBlob(new Blob([`${json}\n`], { type: 'application/json' }), `${this.batch.look.name.replace(/[\\/:*?"<>|]/g, '_') || 'look'}.look.json`);
  };

  /** Reads the full-size original and result of one image for the compare view. */
  loadFullSize = async (id: ImageId): Promise<{ before?: Blob; after?: Blob }> => {
    const [source, result] = await Promise.all([this.#repository.getSource(id), this.#repository.getResult(id)]);
    return { ...(source ? { before: source.blob } : {}), ...(result ? { after: result.blob } : {}) };
  };

  /** Each photo's position in the batch as listed (from 0, no gaps where photos were removed): {index} of the export's names. */
  #positions: Readonly<Record<ImageId, number>> = $derived(
    Object.fromEntries([...this.images].sort((a, b) => a.record.index - b.record.index).map((view, i) => [view.record.id, i])),
  );

  /** A photo's position in the batch as listed, from 0. */
  #positionOf(record: ImageRecord): number {
    return this.#positions[record.id] ?? record.index;
  }

  /** The name (without extension) `template` gives a photo's picture in the export. */
  nameExportFile = (record: ImageRecord, template: string): string =>
    applyNameTemplate(template, {
      sourceName: record.name,
      index: this.#positionOf(record),
      count: this.images.length,
      batch: this.batch.name,
      look: this.batch.look.name,
    });

  /**
   * Builds the ZIP of every finished picture, named by `template` (the batch's when not given), with its manifest,
   * and downloads it (several ZIPs when the batch is too big for one).
   */
  exportZip = async (template = this.batch.exportNameTemplate ?? defaultNameTemplate): Promise<void> => {
    const done = this.exportable;
    this.exportProgress = 0;
    try {
      const problem = findNameTemplateProblem(template);
      if (problem) throw new AppError('export-failed', problem);
      const outcome = await buildResultsZip(
        new AbortController().signal,
        done.map((view) => this.#toZipEntry(view, template)),
        // Looking the pictures up is quick; writing them is the work.
        (progress) => (this.exportProgress = (progress.added / Math.max(1, progress.total)) * 0.05 + progress.writing * 0.95),
      );
      const base = this.batch.name.replace(/[\\/:*?"<>|]/g, '_') || 'lustre';
      const parts = outcome.archives.length;
      // A batch too big for one ZIP comes as several (the browser may ask once to allow several downloads).
      outcome.archives.forEach((archive, i) => downloadBlob(archive, parts === 1 ? `${base}.zip` : `${base}-part-${i + 1}-of-${parts}.zip`));
      const cutouts = outcome.cutoutCount > 0 ? ` and ${outcome.cutoutCount} transparent cut-out${outcome.cutoutCount === 1 ? '' : 's'}` : '';
      this.#notices.push(
        'info',
        `Exported ${outcome.names.length} image${outcome.names.length === 1 ? '' : 's'}${cutouts}${parts > 1 ? ` in ${parts} ZIP files (one ZIP holds at most 4 GB), each with the manifest of its pictures` : ', with manifest.csv'}`,
      );
      const without = outcome.withoutCutout.length;
      if (without > 0) {
        this.#notices.push(
          'warning',
          `${without} picture${without === 1 ? ' has' : 's have'} no cut-out`,
          `${outcome.withoutCutout.slice(0, 3).join(', ')}${without > 3 ? '…' : ''}: Make their cut-outs (or apply the new look to photos made with an earlier one), then export again.`,
        );
      }
    } catch (error) {
      this.#reportError(error);
    } finally {
      this.exportProgress = undefined;
    }
  };

  /** A finished photo as the export's archive takes it: its name, its picture and cut-out, and its manifest facts. */
  #toZipEntry(view: ImageView, template: string): ZipEntrySource {
    let stored: ResultRecord | undefined;
    return {
      sourceName: view.record.name,
      stem: this.nameExportFile(view.record, template),
      format: this.batch.look.output.format,
      // One read of the stored result for the picture and its cut-out: a re-make saved in between cannot pair them wrongly.
      read: async () => (stored = await this.#repository.getResult(view.record.id))?.blob,
      ...(this.batch.exportCutouts ? { readCutout: async () => stored?.cutout } : {}),
      ...(view.record.result
        ? {
            manifest: describeForManifest(
              { name: view.record.name, index: this.#positionOf(view.record), result: view.record.result },
              this.batch.look.name,
              !this.isStale(view.record.id),
              this.#matches.get(view.record.id),
            ),
          }
        : {}),
    };
  }

  #reportError(error: unknown): void {
    const appError = toAppError(error);
    console.error('[lustre]', appError);
    this.#notices.push('error', appError.message, errorCodeOf(appError) === 'storage-quota' ? 'Everything stored before this point is safe.' : undefined);
  }
}
