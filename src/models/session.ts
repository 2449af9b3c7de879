// Runs in: retouch worker. Loads model files (size and hash checked) and caches ONNX sessions per model and backend.
import type { InferenceSession, Tensor } from 'onnxruntime-web';
import { AppError } from '../pipeline/errors';
import type { Backend } from '../pipeline/stage';
import {
  checkModelBytes,
  formatDigestHex,
  modelFileManifestUrl,
  modelSpecs,
  parseModelFileManifest,
  versionedModelUrl,
  type ModelBytesCheck,
  type ModelFileManifest,
  type ModelKey,
  type ModelSpec,
} from './manifest';
import { modelCacheName } from './model-cache';

type Ort = typeof import('onnxruntime-web');

let ortPromise: Promise<Ort> | undefined;
const sessions = new Map<string, Promise<InferenceSession>>();
let manifestPromise: Promise<ModelFileManifest> | undefined;

/** Where the app is served from (Vite's base), so model and runtime URLs work under any path. */
function resolveAppUrl(path: string): string {
  return new URL(path, new URL(import.meta.env.BASE_URL, self.location.origin)).href;
}

/** WASM threads: up to 4 when the page is cross-origin isolated (SharedArrayBuffer), else 1. */
export function chooseWasmThreadCount(): number {
  return self.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
}

/** ONNX Runtime, imported once, with self-hosted wasm files and threads only when isolated. */
export function loadOrt(): Promise<Ort> {
  ortPromise ??= import('onnxruntime-web/webgpu').then((ort) => {
    ort.env.wasm.wasmPaths = resolveAppUrl('ort/');
    ort.env.wasm.numThreads = chooseWasmThreadCount();
    ort.env.wasm.proxy = false;
    ort.env.logLevel = 'error';
    return ort as unknown as Ort;
  });
  return ortPromise;
}

function loadFileManifest(): Promise<ModelFileManifest> {
  manifestPromise ??= fetch(resolveAppUrl(modelFileManifestUrl))
    .then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return parseModelFileManifest(await response.json());
    })
    .catch((error: unknown) => {
      manifestPromise = undefined;
      throw new AppError('model-load-failed', `The model list (models/manifest.json) could not be loaded: ${(error as Error).message}. Run \`npm install\` to assemble the models.`, { cause: error });
    });
  return manifestPromise;
}

/** Where the time to start a session went, ms (the benchmark prints it). */
export interface SessionTiming {
  /** Loading ONNX Runtime's JavaScript and WebAssembly. */
  runtimeMs: number;
  /** Downloading the model file (from the app's origin or the service worker's cache). */
  downloadMs: number;
  /** Checking its sha256. */
  verifyMs: number;
  /** `InferenceSession.create`: parsing, optimising and placing the graph. */
  createMs: number;
}

const sessionTimings = new Map<string, SessionTiming>();

/** How long the session for `key` on `backend` took to start, once it has. */
export function readSessionTiming(key: ModelKey, backend: Backend): SessionTiming | undefined {
  return sessionTimings.get(`${key}:${backend}`);
}

/**
 * Downloads one model file and checks its size, then its sha256, against the manifest. A copy from the service
 * worker's cache that fails the check (a damaged disk entry) is deleted and downloaded once more; the times of both
 * attempts add up in `timing`.
 */
async function fetchModelBytes(spec: ModelSpec, timing: Partial<SessionTiming>): Promise<Uint8Array> {
  const manifest = await loadFileManifest();
  // Content-addressed when listed, so the service worker's cache-first copy can never be a stale model.
  const entry = manifest.files[spec.file];
  const url = resolveAppUrl(entry ? versionedModelUrl(spec, entry) : spec.url);
  timing.downloadMs = 0;
  timing.verifyMs = 0;
  const first = await downloadAndCheck(spec, manifest, url, timing);
  if (first.ok) return first.bytes;
  if (first.problem === 'not-listed') throw new AppError('model-load-failed', first.message);
  if (!(await forgetCachedModel(url))) throw new AppError('model-integrity', first.message);
  let second: Awaited<ReturnType<typeof downloadAndCheck>>;
  try {
    second = await downloadAndCheck(spec, manifest, url, timing);
  } catch (error) {
    throw new AppError('model-load-failed', `The saved copy of the model ${spec.file} was damaged and a fresh download failed: ${(error as Error).message}`, { cause: error });
  }
  if (second.ok) return second.bytes;
  // The server's copy is bad too: do not leave it saved as if it were good.
  await forgetCachedModel(url);
  throw new AppError('model-integrity', second.message);
}

async function downloadAndCheck(
  spec: ModelSpec,
  manifest: ModelFileManifest,
  url: string,
  timing: Partial<SessionTiming>,
): Promise<{ ok: true; bytes: Uint8Array } | Extract<ModelBytesCheck, { ok: false }>> {
  const started = performance.now();
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new AppError('model-load-failed', `The model ${spec.file} could not be downloaded.`, { cause: error });
  }
  if (!response.ok) throw new AppError('model-load-failed', `The model ${spec.file} could not be downloaded (HTTP ${response.status}).`);
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch (error) {
    // A damaged saved copy often fails on read rather than giving wrong bytes: treated like one that fails its check.
    return { ok: false, problem: 'size', message: `The model ${spec.file} could not be read: ${(error as Error).message}` };
  }
  const downloaded = performance.now();
  timing.downloadMs = (timing.downloadMs ?? 0) + downloaded - started;
  const sized = checkModelBytes(manifest, spec.file, { bytes: bytes.byteLength });
  const checked = sized.ok
    ? checkModelBytes(manifest, spec.file, { bytes: bytes.byteLength, sha256: formatDigestHex(await crypto.subtle.digest('SHA-256', bytes)) })
    : sized;
  timing.verifyMs = (timing.verifyMs ?? 0) + performance.now() - downloaded;
  return checked.ok ? { ok: true, bytes: new Uint8Array(bytes) } : checked;
}

/** Deletes a model file from the service worker's cache; true if there was one to delete. */
async function forgetCachedModel(url: string): Promise<boolean> {
  if (!globalThis.caches) return false;
  try {
    return await (await caches.open(modelCacheName)).delete(url);
  } catch (error) {
    console.warn(`[lustre] ${url} could not be removed from the model cache:`, error);
    return false;
  }
}

/** One cached session per model variant and backend; a failed load is dropped so the next call retries. */
export function getSession(key: ModelKey, backend: Backend): Promise<InferenceSession> {
  const cacheKey = `${key}:${backend}`;
  let session = sessions.get(cacheKey);
  if (!session) {
    session = createSession(modelSpecs[key], backend, cacheKey);
    sessions.set(cacheKey, session);
    session.catch(() => sessions.delete(cacheKey));
  }
  return session;
}

async function createSession(spec: ModelSpec, backend: Backend, cacheKey: string): Promise<InferenceSession> {
  const timing: Partial<SessionTiming> = {};
  const started = performance.now();
  const [ort, bytes] = await Promise.all([loadOrt().finally(() => (timing.runtimeMs = performance.now() - started)), fetchModelBytes(spec, timing)]);
  try {
    const creating = performance.now();
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
    });
    sessionTimings.set(cacheKey, { runtimeMs: 0, downloadMs: 0, verifyMs: 0, ...timing, createMs: performance.now() - creating });
    return session;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError(
      backend === 'webgpu' ? 'backend-unavailable' : 'model-load-failed',
      `The model ${spec.file} could not start on ${backend.toUpperCase()}: ${reason}`,
      { cause: error },
    );
  }
}

/** Forgets a session, e.g. after its backend failed at run time. */
export async function releaseSession(key: ModelKey, backend: Backend): Promise<void> {
  const cacheKey = `${key}:${backend}`;
  const session = sessions.get(cacheKey);
  sessions.delete(cacheKey);
  await session?.then((s) => s.release()).catch(() => undefined);
}

/** Runs a session on one float32 input and returns only the named output's data. */
export async function runSession(
  session: InferenceSession,
  spec: ModelSpec,
  input: Float32Array,
  dims: readonly number[],
): Promise<Float32Array> {
  const ort = await loadOrt();
  const tensor = new ort.Tensor('float32', input, dims);
  let outputs: Record<string, Tensor>;
  try {
    outputs = await session.run({ [spec.inputName]: tensor }, [spec.outputName]);
  } finally {
    tensor.dispose();
  }
  const output = outputs[spec.outputName];
  if (!output) throw new AppError('inference-failed', `The model gave no "${spec.outputName}" output.`);
  const data = (await output.getData()) as Float32Array;
  output.dispose();
  return data;
}
