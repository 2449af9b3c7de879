// Node test: runs the shipped ISNet (fp32, fp16) and the probe model with onnxruntime-web's WASM backend.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mask, RgbaImage } from '../core/image';
import { createProbeWeights } from '../../scripts/lib/probe-model.mjs';
import { checkModelBytes, formatDigestHex, modelSpecs, parseModelFileManifest, type ModelKey } from './manifest';
import { imageToIsnetInput, isnetOutputToMask } from './tensors';

const modelsDir = fileURLToPath(new URL('../../public/models/', import.meta.url));
const slowMs = 180_000;
const isnetSize = modelSpecs['isnet-fp32'].inputSizePx;

ort.env.wasm.numThreads = Math.max(1, Math.min(4, availableParallelism()));
ort.env.logLevel = 'error';

function readModelFile(key: ModelKey): Uint8Array<ArrayBuffer> {
  const path = `${modelsDir}${modelSpecs[key].file}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run models\` first.`);
  // readFileSync never returns a view of a SharedArrayBuffer.
  return readFileSync(path) as Uint8Array<ArrayBuffer>;
}

async function createSession(key: ModelKey): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(readModelFile(key), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
}

/** Runs one model on one input and returns only its named output, with the wall time. */
async function runModel(session: ort.InferenceSession, key: ModelKey, input: Float32Array): Promise<{ output: Float32Array; ms: number }> {
  const spec = modelSpecs[key];
  const size = spec.inputSizePx;
  const tensor = new ort.Tensor('float32', input, [1, 3, size, size]);
  const started = performance.now();
  const results = await session.run({ [spec.inputName]: tensor }, [spec.outputName]);
  const ms = performance.now() - started;
  const result = results[spec.outputName];
  expect(result.dims).toEqual([1, 1, size, size]);
  return { output: result.data as Float32Array, ms };
}

// ---- A procedurally drawn ring photo and its exact mask ---------------------------------------

interface RingScene {
  width: number;
  height: number;
  centerX: number;
  centerY: number;
  outerRadius: number;
  innerRadius: number;
}

const ring: RingScene = { width: 960, height: 720, centerX: 470, centerY: 350, outerRadius: 230, innerRadius: 158 };

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Fraction of the pixel centred at (x, y) covered by the ring band (1 px linear ramp at each edge). */
function computeRingCoverage(scene: RingScene, x: number, y: number): number {
  const r = Math.hypot(x - scene.centerX, y - scene.centerY);
  return clamp01(scene.outerRadius - r + 0.5) * clamp01(r - scene.innerRadius + 0.5);
}

function hashNoise(x: number, y: number): number {
  let h = Math.imul(x, 374761393) + Math.imul(y, 668265263);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 0x100000000;
}

/**
 * A polished yellow-gold band seen from above on a warm linen backdrop: the band is shaded as a tube
 * (diffuse + a tight specular highlight + environment bands), the backdrop has a vignette, a woven
 * texture, grain and a soft contact shadow.
 */
function drawRingPhoto(scene: RingScene): RgbaImage {
  const { width, height } = scene;
  const data = new Uint8ClampedArray(width * height * 4);
  const light = [-0.45, -0.55, 0.7];
  const lightLength = Math.hypot(light[0], light[1], light[2]);
  const [lx, ly, lz] = light.map((v) => v / lightLength);
  const tubeHalf = (scene.outerRadius - scene.innerRadius) / 2;
  const tubeMid = (scene.outerRadius + scene.innerRadius) / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Backdrop: warm grey linen, darker towards the corners.
      const vx = (x - width / 2) / width;
      const vy = (y - height / 2) / height;
      const vignette = 1 - 0.35 * (vx * vx + vy * vy) * 2;
      const weave = 0.035 * Math.sin(x * 0.9) * Math.sin(y * 0.85) + 0.02 * Math.sin((x + y) * 0.13);
      const grain = (hashNoise(x, y) - 0.5) * 0.05;
      // Contact shadow: the band offset down-right, blurred by distance.
      const sr = Math.hypot(x - scene.centerX - 14, y - scene.centerY - 18);
      const shadow = 0.22 * Math.exp(-(((sr - tubeMid) / (tubeHalf + 18)) ** 2) * 2);
      const shade = vignette * (1 + weave + grain) * (1 - shadow);
      let r = 206 * shade;
      let g = 196 * shade;
      let b = 182 * shade;

      const coverage = computeRingCoverage(scene, x, y);
      if (coverage > 0) {
        const dx = x - scene.centerX;
        const dy = y - scene.centerY;
        const distance = Math.hypot(dx, dy) || 1;
        const u = Math.max(-0.999, Math.min(0.999, (distance - tubeMid) / tubeHalf));
        const nz = Math.sqrt(1 - u * u);
        const nx = (u * dx) / distance;
        const ny = (u * dy) / distance;
        const diffuse = Math.max(0, nx * lx + ny * ly + nz * lz);
        // Reflection of the view ray (0, 0, 1) about the normal, against the light.
        const rz = 2 * nz * nz - 1;
        const specular = Math.max(0, 2 * nz * nx * lx + 2 * nz * ny * ly + rz * lz) ** 60;
        const angle = Math.atan2(dy, dx);
        const bands = 0.75 + 0.25 * Math.sin(angle * 3 + u * 4);
        const metal = (0.22 + 0.78 * diffuse) * bands;
        const mr = Math.min(255, 226 * metal + 255 * specular);
        const mg = Math.min(255, 180 * metal + 250 * specular);
        const mb = Math.min(255, 70 * metal + 235 * specular);
        r = r * (1 - coverage) + mr * coverage;
        g = g * (1 - coverage) + mg * coverage;
        b = b * (1 - coverage) + mb * coverage;
      }
      const p = (y * width + x) * 4;
      data[p] = r;
      data[p + 1] = g;
      data[p + 2] = b;
      data[p + 3] = 255;
    }
  }
  return { width, height, data };
}

/** The ring's exact mask at the model's stretched size×size resolution (coverage ≥ 0.5 → 255). */
function drawRingMaskAtModelSize(scene: RingScene, size: number): Mask {
  const data = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sx = ((x + 0.5) * scene.width) / size - 0.5;
      const sy = ((y + 0.5) * scene.height) / size - 0.5;
      data[y * size + x] = computeRingCoverage(scene, sx, sy) >= 0.5 ? 255 : 0;
    }
  }
  return { width: size, height: size, data };
}

/** Intersection over union of two masks thresholded at 128 (0.5). */
function measureIou(a: Mask, b: Mask): number {
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < a.data.length; i++) {
    const inA = a.data[i] >= 128;
    const inB = b.data[i] >= 128;
    if (inA && inB) intersection++;
    if (inA || inB) union++;
  }
  return union === 0 ? 1 : intersection / union;
}

// ---- Tests -------------------------------------------------------------------------------------

describe('shipped model files', () => {
  it('match models/manifest.json in size and sha256', async () => {
    const manifest = parseModelFileManifest(JSON.parse(readFileSync(`${modelsDir}manifest.json`, 'utf8')));
    for (const key of Object.keys(modelSpecs) as ModelKey[]) {
      const bytes = readModelFile(key);
      const digest = await crypto.subtle.digest('SHA-256', bytes);
      expect(checkModelBytes(manifest, modelSpecs[key].file, { bytes: bytes.byteLength, sha256: formatDigestHex(digest) })).toEqual({ ok: true });
    }
  }, slowMs);
});

describe('ISNet on onnxruntime-web WASM in Node', () => {
  let fp32: ort.InferenceSession;
  let input: Float32Array;
  let fp32Output: Float32Array;

  beforeAll(async () => {
    const started = performance.now();
    fp32 = await createSession('isnet-fp32');
    console.log(`isnet-fp32 session created in ${Math.round(performance.now() - started)} ms, ${ort.env.wasm.numThreads} threads`);
    input = imageToIsnetInput(drawRingPhoto(ring), isnetSize);
    const run = await runModel(fp32, 'isnet-fp32', input);
    fp32Output = run.output;
    console.log(`isnet-fp32 run at ${isnetSize}²: ${Math.round(run.ms)} ms`);
  }, slowMs);

  afterAll(async () => {
    await fp32?.release();
  });

  it('finds the ring and not the hole or the backdrop (IoU ≥ 0.9 at 0.5)', () => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of fp32Output) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const mask = isnetOutputToMask(fp32Output, isnetSize);
    const truth = drawRingMaskAtModelSize(ring, isnetSize);
    const iou = measureIou(mask, truth);
    const holeValue = fp32Output[Math.round(isnetSize / 2) * isnetSize + Math.round((ring.centerX / ring.width) * isnetSize)];
    console.log(`ring IoU ${iou.toFixed(4)}; output range ${min.toFixed(4)}..${max.toFixed(4)}; centre of the hole ${holeValue.toFixed(4)}`);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(iou).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the same output from the fp16 model within 5e-3', async () => {
    const fp16 = await createSession('isnet-fp16');
    try {
      const { output, ms } = await runModel(fp16, 'isnet-fp16', input);
      let maxDiff = 0;
      let flipped = 0;
      for (let i = 0; i < output.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(output[i] - fp32Output[i]));
        if (output[i] >= 0.5 !== fp32Output[i] >= 0.5) flipped++;
      }
      console.log(`isnet-fp16 run: ${Math.round(ms)} ms; max |fp16 − fp32| = ${maxDiff.toExponential(2)}; ${flipped} pixels flip at 0.5`);
      expect(maxDiff).toBeLessThan(5e-3);
      expect(flipped / output.length).toBeLessThan(1e-4);
    } finally {
      await fp16.release();
    }
  }, slowMs);
});

describe('probe model on onnxruntime-web WASM in Node', () => {
  it('runs and matches a plain JavaScript evaluation of Conv 3×3 → Relu → Conv 1×1 → Sigmoid', async () => {
    const spec = modelSpecs.probe;
    const size = spec.inputSizePx;
    const input = new Float32Array(3 * size * size);
    for (let i = 0; i < input.length; i++) input[i] = Math.sin(i * 0.37) * 0.5;
    const session = await createSession('probe');
    try {
      const { output } = await runModel(session, 'probe', input);
      const { conv1Weight, conv1Bias, conv2Weight, conv2Bias } = createProbeWeights();
      const hidden = conv1Bias.length;
      let maxDiff = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          let sum = conv2Bias[0];
          for (let o = 0; o < hidden; o++) {
            let acc = conv1Bias[o];
            for (let c = 0; c < 3; c++) {
              for (let ky = 0; ky < 3; ky++) {
                for (let kx = 0; kx < 3; kx++) {
                  const sy = y + ky - 1;
                  const sx = x + kx - 1;
                  if (sy < 0 || sy >= size || sx < 0 || sx >= size) continue;
                  acc += conv1Weight[((o * 3 + c) * 3 + ky) * 3 + kx] * input[(c * size + sy) * size + sx];
                }
              }
            }
            sum += conv2Weight[o] * Math.max(0, acc);
          }
          const expected = 1 / (1 + Math.exp(-sum));
          maxDiff = Math.max(maxDiff, Math.abs(output[y * size + x] - expected));
          min = Math.min(min, expected);
          max = Math.max(max, expected);
        }
      }
      console.log(`probe: max |ORT − JS| = ${maxDiff.toExponential(2)}, output ${min.toFixed(3)}..${max.toFixed(3)}`);
      expect(maxDiff).toBeLessThan(1e-5);
      // The output varies with the input (the weights are not degenerate).
      expect(max - min).toBeGreaterThan(0.05);
    } finally {
      await session.release();
    }
  }, slowMs);
});
