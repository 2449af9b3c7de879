// Model metadata (files, tensor names, input size, normalization) and the pure check of downloaded model bytes.

/** A model family. Stable kebab-case literals: they are stored with results. */
export type ModelFamily = 'isnet' | 'esrgan' | 'probe';

/** One concrete model file: a family at one precision. */
export type ModelKey = 'isnet-fp16' | 'isnet-fp32' | 'esrgan-x4' | 'probe';

export type ModelPrecision = 'fp16' | 'fp32';

/** Per-channel affine input normalization on 0..255 RGB: value = (v − mean) / std. */
export interface TensorNormalization {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

export interface ModelSpec {
  key: ModelKey;
  family: ModelFamily;
  /** Bump when the file or its meaning changes (results made with it become stale). */
  version: number;
  /** Precision of the weights and inner math; inputs and outputs are float32 in every variant. */
  precision: ModelPrecision;
  /** File name in `public/models/`, also its key in `models/manifest.json`. */
  file: string;
  /** URL relative to the app's base. */
  url: string;
  inputName: string;
  /** The one output to request (`session.run(feeds, [outputName])`); ISNet has 11 more. */
  outputName: string;
  /**
   * Side of the square input, px: input dims [1, 3, inputSizePx, inputSizePx] (NCHW, RGB), output [1, 1, same], 0..1.
   * The upscaler takes any size (this is its largest tile) and returns RGB 4× as large, 0..255.
   */
  inputSizePx: number;
  normalization: TensorNormalization;
  /** Where the weights come from, for the README and the about box. */
  origin: string;
}

/** ISNet (DIS, xuebinqin/DIS, Apache-2.0) as repackaged in @imgly/background-removal-data (AGPL-3.0). */
const isnetOrigin = 'ISNet (DIS, xuebinqin/DIS) via @imgly/background-removal-data 1.4.5 "medium" (AGPL-3.0)';

/** (v − 128) / 256 on 0..255 RGB, the normalization the @imgly ISNet export expects. */
export const isnetNormalization: TensorNormalization = { mean: [128, 128, 128], std: [256, 256, 256] };

export const isnetInputSizePx = 1024;

export const modelSpecs: Readonly<Record<ModelKey, ModelSpec>> = {
  'isnet-fp16': {
    key: 'isnet-fp16',
    family: 'isnet',
    version: 1,
    precision: 'fp16',
    file: 'isnet-fp16.onnx',
    url: 'models/isnet-fp16.onnx',
    inputName: 'input',
    outputName: 'output',
    inputSizePx: isnetInputSizePx,
    normalization: isnetNormalization,
    origin: isnetOrigin,
  },
  'isnet-fp32': {
    key: 'isnet-fp32',
    family: 'isnet',
    version: 1,
    precision: 'fp32',
    file: 'isnet-fp32.onnx',
    url: 'models/isnet-fp32.onnx',
    inputName: 'input',
    outputName: 'output',
    inputSizePx: isnetInputSizePx,
    normalization: isnetNormalization,
    origin: `${isnetOrigin}, upcast to fp32 at install time`,
  },
  'esrgan-x4': {
    key: 'esrgan-x4',
    family: 'esrgan',
    version: 1,
    precision: 'fp32',
    file: 'esrgan-x4.onnx',
    url: 'models/esrgan-x4.onnx',
    inputName: 'input',
    outputName: 'output',
    inputSizePx: 160,
    normalization: { mean: [0, 0, 0], std: [1, 1, 1] },
    origin: 'ESRGAN-slim ×4 (idealo ISR RDN architecture) from @upscalerjs/esrgan-slim 1.0.0 (MIT), converted to ONNX at install time',
  },
  probe: {
    key: 'probe',
    family: 'probe',
    version: 1,
    precision: 'fp32',
    file: 'probe.onnx',
    url: 'models/probe.onnx',
    inputName: 'input',
    outputName: 'output',
    inputSizePx: 64,
    normalization: { mean: [0, 0, 0], std: [1, 1, 1] },
    origin: 'Lustre backend probe: Conv 3×3 → Relu → Conv 1×1 → Sigmoid, seeded weights (scripts/lib/probe-model.mjs)',
  },
};

/** The ISNet variants by precision. fp16 needs a WebGPU adapter with `shader-f16`; on WASM fp32 is faster. */
export const isnetVariants: Readonly<Record<ModelPrecision, ModelKey>> = { fp16: 'isnet-fp16', fp32: 'isnet-fp32' };

/** The ISNet variant an engine runs: fp16 on a WebGPU adapter with half-precision shaders, fp32 everywhere else. */
export function chooseIsnetVariant(backend: 'webgpu' | 'wasm', hasShaderF16: boolean): ModelKey {
  return backend === 'webgpu' && hasShaderF16 ? isnetVariants.fp16 : isnetVariants.fp32;
}

/** Where the install step writes the manifest, relative to the app's base. */
export const modelFileManifestUrl = 'models/manifest.json';

/**
 * The query parameter that names a model file's content (its sha256). Model files are fetched as
 * `models/<file>?sha256=<hex>`, so the service worker can keep them cache-first: a new model is a new URL.
 */
export const modelVersionParam = 'sha256';

/** The content-addressed URL of one model file (relative to the app's base, like `ModelSpec.url`). */
export function versionedModelUrl(spec: Pick<ModelSpec, 'url'>, entry: Pick<ModelFileEntry, 'sha256'>): string {
  return `${spec.url}?${modelVersionParam}=${entry.sha256}`;
}

/** Size and content hash of one model file. */
export interface ModelFileEntry {
  bytes: number;
  /** Lowercase hex. */
  sha256: string;
}

/** Shape of `public/models/manifest.json`, written by scripts/assemble-models.mjs. */
export interface ModelFileManifest {
  version: 1;
  source: { package: string; version: string; resource: string };
  /** Keyed by file name (`ModelSpec.file`). */
  files: Record<string, ModelFileEntry>;
}

/** Checks the shape of a fetched manifest; throws a plain Error naming what is wrong. */
export function parseModelFileManifest(json: unknown): ModelFileManifest {
  const fail = (what: string): never => {
    throw new Error(`models/manifest.json is not valid: ${what}. Run \`npm run models\` to rewrite it.`);
  };
  if (typeof json !== 'object' || json === null) return fail('not an object');
  const manifest = json as Partial<ModelFileManifest>;
  if (manifest.version !== 1) fail(`unknown version ${String(manifest.version)}`);
  if (typeof manifest.files !== 'object' || manifest.files === null) return fail('no "files"');
  for (const [name, entry] of Object.entries(manifest.files)) {
    const isValid =
      typeof entry === 'object' &&
      entry !== null &&
      Number.isSafeInteger(entry.bytes) &&
      entry.bytes > 0 &&
      typeof entry.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(entry.sha256);
    if (!isValid) fail(`entry "${name}" needs a positive "bytes" and a lowercase hex "sha256"`);
  }
  return manifest as ModelFileManifest;
}

/** Lowercase hex of a digest (e.g. the ArrayBuffer from `crypto.subtle.digest('SHA-256', …)`). */
export function formatDigestHex(digest: ArrayBuffer | Uint8Array): string {
  const bytes = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export type ModelBytesProblem = 'not-listed' | 'size' | 'hash';

export type ModelBytesCheck = { ok: true } | { ok: false; problem: ModelBytesProblem; message: string };

/**
 * Compares what was downloaded with the manifest. Pass `sha256` once hashed; without it only the size
 * is checked, so a truncated download fails before any hashing. `not-listed` means the manifest is
 * stale (a load failure); `size` and `hash` mean the bytes are wrong (an integrity failure).
 */
export function checkModelBytes(
  manifest: ModelFileManifest,
  file: string,
  actual: { bytes: number; sha256?: string },
): ModelBytesCheck {
  const expected = manifest.files[file];
  if (!expected) {
    return { ok: false, problem: 'not-listed', message: `The model file ${file} is not listed in models/manifest.json.` };
  }
  if (actual.bytes !== expected.bytes) {
    return { ok: false, problem: 'size', message: `The model file ${file} has ${actual.bytes} bytes, expected ${expected.bytes}.` };
  }
  if (actual.sha256 !== undefined && actual.sha256.toLowerCase() !== expected.sha256) {
    return { ok: false, problem: 'hash', message: `The model file ${file} is corrupt: its sha256 does not match models/manifest.json.` };
  }
  return { ok: true };
}
