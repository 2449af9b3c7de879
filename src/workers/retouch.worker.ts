// Runs in: retouch worker. Thin entry: owns the model session and runs the pipeline for one photo per call.
import { expose, releaseProxy, type Remote } from 'comlink';
import { extractCutout, renderMaskAsImage, resizeCutout } from '../core/cutout';
import type { RgbaImage } from '../core/image';
import { resizeImage } from '../core/resize';
import { chooseWasmThreadCount, getSession, readSessionTiming, releaseSession, runSession } from '../models/session';
import { chooseIsnetVariant, modelSpecs, type ModelKey } from '../models/manifest';
import { renderLookCanvas } from '../pipeline/stages/compose/layout';
import { AppError, errorCodeOf } from '../pipeline/errors';
import type { JobId } from '../pipeline/ids';
import type { Look } from '../pipeline/look';
import { measureReferenceLook } from '../pipeline/reference-look';
import { computePipelineKey, runPipeline } from '../pipeline/runner';
import type { Backend, ModelId, PipelineState, StageContext } from '../pipeline/stage';
import { pipelineStages } from '../pipeline/stages';
import { decodeImageFile, encodeImage, encodeWithCanvas } from '../platform/image-codec';
import { probeBackend } from '../platform/backend-probe';
import {
  installErrorTransfer,
  type BackendComparison,
  type DerivedLook,
  type InjectedFault,
  type JobProgress,
  type PrepareOptions,
  type ProcessRequest,
  type ProcessResult,
  type WorkerStatus,
} from './protocol';

installErrorTransfer();

const thumbnailLongEdgePx = 320;
const cutoutPreviewLongEdgePx = 480;
const jobs = new Map<JobId, AbortController>();
/** The stages a reference photo goes through before it is measured: decoding and every mask stage, no colour or framing. */
const referenceStageIds: ReadonlySet<string> = new Set(['decode', 'segment', 'refine-mask', 'white-on-white', 'holes']);
/** The stages that then place the reference's piece in its measured look for its preview cut-out (no tone: it has the look's; no shadow: a cut-out leaves it out; no upscale: the preview is small). */
const referencePlacementStageIds: ReadonlySet<string> = new Set(['frame', 'compose']);
let statusPromise: Promise<WorkerStatus> | undefined;
let current: { backend: Backend; model: ModelKey; reason: string } | undefined;
let faults = new Set<InjectedFault>();

/** Chooses a backend and starts the model session; a WebGPU failure falls back to WASM and says so. */
async function prepareSession(options: PrepareOptions): Promise<WorkerStatus> {
  const choice = await probeBackend(options.preference);
  const started = performance.now();
  let backend = choice.backend;
  let model = chooseIsnetVariant(backend, choice.hasShaderF16);
  let reason = choice.reason;
  faults = new Set(options.faults ?? []);
  try {
    if (backend === 'webgpu' && faults.has('webgpu-session')) throw new Error('injected WebGPU session failure');
    await getSession(model, backend);
  } catch (error) {
    if (backend !== 'webgpu') throw error;
    console.warn('[lustre] WebGPU session failed, falling back to WASM:', error);
    reason = `WebGPU failed to start the model (${(error as Error).message}); using WASM.`;
    backend = 'wasm';
    model = 'isnet-fp32';
    await getSession(model, backend);
  }
  current = { backend, model, reason };
  return {
    backend,
    reason,
    modelFile: modelSpecs[model].file,
    threads: backend === 'wasm' ? chooseWasmThreadCount() : 0,
    isCrossOriginIsolated: self.crossOriginIsolated,
    sessionMs: Math.round(performance.now() - started),
    sessionTiming: readSessionTiming(model, backend),
  };
}

/** A model that cannot be fetched is not the backend's fault: say so rather than change backend. */
function isDownloadFailure(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === 'model-load-failed' || code === 'model-integrity';
}

/** Runs a stage's model: ISNet on the worker's backend, or the upscaler. */
function inferWithFallback(modelId: ModelId, input: Float32Array, dims: readonly number[]): Promise<Float32Array> {
  return modelId === 'isnet' ? inferIsnet(input, dims) : inferUpscaler(input, dims);
}

/** Runs ISNet on the current backend; a WebGPU run failure switches this worker to WASM and retries once. */
async function inferIsnet(input: Float32Array, dims: readonly number[]): Promise<Float32Array> {
  if (!current) throw new AppError('model-load-failed', 'The model session is not ready.');
  const { backend, model } = current;
  try {
    if (backend === 'webgpu' && faults.has('webgpu-run')) throw new Error('injected WebGPU run failure');
    return await runSession(await getSession(model, backend), modelSpecs[model], input, dims);
  } catch (error) {
    if (backend !== 'webgpu') throw new AppError('inference-failed', `The model failed: ${(error as Error).message}`, { cause: error });
    console.warn('[lustre] WebGPU run failed, falling back to WASM:', error);
    await releaseSession(model, backend);
    await releaseSession('esrgan-x4', backend);
    current = { backend: 'wasm', model: 'isnet-fp32', reason: `WebGPU failed while running (${(error as Error).message}); using WASM.` };
    statusPromise = Promise.resolve({ ...(await statusPromise!), backend: 'wasm', reason: current.reason, modelFile: modelSpecs['isnet-fp32'].file, threads: chooseWasmThreadCount() });
    return runSession(await getSession(current.model, 'wasm'), modelSpecs[current.model], input, dims);
  }
}

/** Where the upscaler runs when it failed on WebGPU while ISNet did not: WASM, for this worker's life. */
let upscalerBackend: Backend | undefined;

/**
 * Runs the upscaler on the worker's backend. A WebGPU failure moves only the upscaler to WASM (ISNet keeps its
 * backend and file); a download failure is reported as it is (the stage then enlarges by interpolation).
 */
async function inferUpscaler(input: Float32Array, dims: readonly number[]): Promise<Float32Array> {
  if (!current) throw new AppError('model-load-failed', 'The model session is not ready.');
  const spec = modelSpecs['esrgan-x4'];
  const backend = upscalerBackend ?? current.backend;
  try {
    return await runSession(await getSession(spec.key, backend), spec, input, dims);
  } catch (error) {
    if (isDownloadFailure(error)) throw error;
    if (backend !== 'webgpu') throw new AppError('inference-failed', `The upscaler failed: ${(error as Error).message}`, { cause: error });
    console.warn('[lustre] The upscaler failed on WebGPU; running it on WASM:', error);
    await releaseSession(spec.key, backend);
    upscalerBackend = 'wasm';
    return runSession(await getSession(spec.key, 'wasm'), spec, input, dims);
  }
}

/** `image` shrunk by `resize` so its long side is at most `longEdgePx` (returned as it is when already smaller). */
function shrinkToLongSide(image: RgbaImage, longEdgePx: number, resize: (image: RgbaImage, width: number, height: number) => RgbaImage = resizeImage): RgbaImage {
  const scale = longEdgePx / Math.max(image.width, image.height);
  if (scale >= 1) return image;
  return resize(image, Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
}

/** The piece alone on transparency, framed as in the finished picture: the composed output un-blended from the look's canvas. */
function extractOutputCutout(state: PipelineState, look: Look): RgbaImage | undefined {
  if (!state.output || !state.outputAlpha) return undefined;
  return extractCutout(state.output, state.outputAlpha, renderLookCanvas(look, state.shadowMap ?? null));
}

/** A cut-out made small for live look previews (PNG, long side ≤ `cutoutPreviewLongEdgePx`). */
function encodeCutoutPreview(cutout: RgbaImage): Promise<Blob> {
  return encodeImage(shrinkToLongSide(cutout, cutoutPreviewLongEdgePx, resizeCutout), 'image/png', 1);
}

/** The pipeline's stages whose ids are in `ids`, in pipeline order. */
function pickStages(ids: ReadonlySet<string>) {
  return pipelineStages.filter((stage) => ids.has(stage.id));
}

/** The ports the pipeline's stages use, for one job. */
function createStageContext(signal: AbortSignal, look: Look): StageContext {
  return {
    signal,
    look,
    infer: (modelId, input, dims) => inferWithFallback(modelId, input, dims),
    decode: decodeImageFile,
    encode: encodeImage,
    progress: () => undefined,
  };
}

const api = {
  /** Probes the backend and loads the model once; later calls share the same result. */
  prepare(options: PrepareOptions): Promise<WorkerStatus> {
    statusPromise ??= prepareSession(options).catch((error: unknown) => {
      statusPromise = undefined;
      throw error;
    });
    return statusPromise;
  },

  /** Current backend status (after fallbacks), or undefined before `prepare`. */
  async status(): Promise<WorkerStatus | undefined> {
    return statusPromise;
  },

  async process(request: ProcessRequest, onprogress?: (progress: JobProgress) => void): Promise<ProcessResult> {
    const controller = new AbortController();
    jobs.set(request.jobId, controller);
    try {
      await api.prepare({ preference: 'auto' });
      const ctx = createStageContext(controller.signal, request.look);
      const { state, timings } = await runPipeline(pipelineStages, { source: request.source }, ctx, {
        onstage: (progress) => onprogress?.({ ...progress, imageId: request.imageId }),
      });
      if (!state.encoded || !state.output || !state.decodeInfo) throw new AppError('unknown', 'The pipeline finished without a picture.');
      const thumbnail = await encodeWithCanvas(shrinkToLongSide(state.output, thumbnailLongEdgePx), 'image/jpeg', 0.8);
      const extras = request.extras ?? {};
      const cutoutPixels = extractOutputCutout(state, request.look);
      const cutout = extras.cutout && cutoutPixels ? await encodeImage(cutoutPixels, 'image/png', 1) : undefined;
      const cutoutPreview = cutoutPixels ? await encodeCutoutPreview(cutoutPixels) : undefined;
      const mask = extras.mask && state.mask ? await encodeImage(renderMaskAsImage(state.mask), 'image/png', 1) : undefined;
      return {
        imageId: request.imageId,
        blob: state.encoded,
        thumbnail,
        cutout,
        cutoutPreview,
        mask,
        pipelineKey: computePipelineKey(pipelineStages, request.look),
        backend: current?.backend ?? (await statusPromise!).backend,
        timings,
        decodeInfo: state.decodeInfo,
        widthPx: state.output.width,
        heightPx: state.output.height,
        metal: state.metal,
        upscale: state.upscale,
        checks: state.checks ?? [],
        exportChecks: state.exportChecks,
        piece: state.pieceMeasures,
        status: await statusPromise!,
      };
    } finally {
      jobs.delete(request.jobId);
      (onprogress as Remote<unknown> | undefined)?.[releaseProxy]?.();
    }
  },

  /**
   * Measures the look of a reference photo: the piece is cut out with the same model and mask stages as a
   * batch photo, then the background, framing, shadow and tone are read from it (pipeline/reference-look.ts).
   * The piece is then framed and composed in that look and cut out as `process` does, for the look editor's preview.
   */
  async deriveLook(source: Blob, base: Look, name: string): Promise<DerivedLook> {
    await api.prepare({ preference: 'auto' });
    const signal = new AbortController().signal;
    const { state } = await runPipeline(pickStages(referenceStageIds), { source }, createStageContext(signal, base));
    if (!state.image || !state.mask) throw new AppError('unknown', 'The reference photo could not be cut out.');
    const measured = measureReferenceLook(state.image, state.mask, base, name);
    if (!measured) throw new AppError('empty-mask', 'No piece was found in the reference photo.');
    // The preview is a nicety: a failure to compose it leaves the measurement as it is.
    try {
      const placed = await runPipeline(pickStages(referencePlacementStageIds), state, createStageContext(signal, measured.look));
      const cutoutPixels = extractOutputCutout(placed.state, measured.look);
      return cutoutPixels ? { ...measured, cutoutPreview: await encodeCutoutPreview(cutoutPixels) } : measured;
    } catch (error) {
      console.warn('The reference photo could not be composed for the preview.', error);
      return measured;
    }
  },

  /** Soft cancel: the running job stops at its next stage or tile boundary. */
  cancel(jobId: JobId): void {
    jobs.get(jobId)?.abort(new DOMException('Cancelled', 'AbortError'));
  },

  /**
   * Runs the small probe model on WebGPU and on WASM with the same input and compares the outputs.
   * Cheap even on a software adapter, so it proves the WebGPU path without a GPU.
   */
  async compareBackends(): Promise<BackendComparison> {
    const spec = modelSpecs.probe;
    const size = spec.inputSizePx;
    const input = new Float32Array(3 * size * size);
    for (let i = 0; i < input.length; i++) input[i] = Math.sin(i * 0.37) * 0.5;
    const dims = [1, 3, size, size];
    const time = async (backend: Backend) => {
      const started = performance.now();
      const output = await runSession(await getSession('probe', backend), spec, input, dims);
      return { output, ms: Math.round(performance.now() - started) };
    };
    const wasm = await time('wasm');
    const choice = await probeBackend('webgpu');
    try {
      if (choice.backend !== 'webgpu') throw new Error(choice.reason);
      const webgpu = await time('webgpu');
      let maxAbsDiff = 0;
      for (let i = 0; i < wasm.output.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(wasm.output[i] - webgpu.output[i]));
      return { webgpu: { ok: true, ms: webgpu.ms, adapter: choice.adapterDescription }, wasm: { ok: true, ms: wasm.ms }, maxAbsDiff };
    } catch (error) {
      return {
        webgpu: { ok: false, ms: 0, error: (error as Error).message, adapter: choice.adapterDescription },
        wasm: { ok: true, ms: wasm.ms },
        maxAbsDiff: Number.NaN,
      };
    }
  },
};

expose(api);

export type RetouchApi = typeof api;
