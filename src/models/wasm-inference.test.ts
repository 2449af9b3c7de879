// Node test: the shipped ISNet (fp32, fp16) and the probe model on onnxruntime-web's WASM backend, with the
// real segment and refine-mask stages on generated photos whose exact masks are known.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeMaskIoU } from '../core/mask-ops';
import { resizeMask } from '../core/resize';
import { refineMask } from '../pipeline/stages/refine-mask/stage';
import { segment } from '../pipeline/stages/segment/stage';
import { renderChainScene } from '../../tests/support/chain-scene';
import { createFakeStageContext } from '../../tests/support/fake-context';
import { computeBoundaryIoU } from '../../tests/support/mask-metrics';
import { renderRingScene, type Scene } from '../../tests/support/ring-scene';
import { createProbeWeights } from '../../scripts/lib/probe-model.mjs';
import { checkModelBytes, formatDigestHex, modelSpecs, parseModelFileManifest, type ModelKey } from './manifest';

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

describe('ISNet on onnxruntime-web WASM in Node, through the real segment and refine-mask stages', () => {
  let fp32: ort.InferenceSession;
  let ringInput: Float32Array;
  let ringOutput: Float32Array;

  /** The stage context the worker would give, with inference on this Node session. */
  function createNodeContext(onrun: (input: Float32Array, output: Float32Array) => void) {
    return createFakeStageContext({
      infer: async (_modelId, input) => {
        const { output, ms } = await runModel(fp32, 'isnet-fp32', input);
        console.log(`isnet-fp32 run at ${isnetSize}²: ${Math.round(ms)} ms`);
        onrun(input, output);
        return output;
      },
    });
  }

  /** Segments and refines a generated photo; returns the full-resolution mask and the plain bilinear one. */
  async function segmentScene(scene: Scene, onrun: (input: Float32Array, output: Float32Array) => void = () => undefined) {
    const ctx = createNodeContext(onrun);
    const segmented = await segment.run({ source: new Blob(), image: scene.image }, segment.defaults, ctx);
    const refined = await refineMask.run(segmented, refineMask.defaults, ctx);
    const bilinear = resizeMask(segmented.modelMask!, scene.image.width, scene.image.height, { filter: 'bilinear' });
    return { refined: refined.mask!, bilinear };
  }

  beforeAll(async () => {
    const started = performance.now();
    fp32 = await createSession('isnet-fp32');
    console.log(`isnet-fp32 session created in ${Math.round(performance.now() - started)} ms, ${ort.env.wasm.numThreads} threads`);
  }, slowMs);

  afterAll(async () => {
    await fp32?.release();
  });

  it('cuts out a silver ring on linen, hole included: refined IoU ≥ 0.97 against the exact mask', async () => {
    const scene = renderRingScene({ widthPx: 1600, heightPx: 1200, seed: 3, metal: 'silver', backdrop: 'linen', hasStone: true });
    const { refined, bilinear } = await segmentScene(scene, (input, output) => {
      ringInput = input;
      ringOutput = output;
    });
    const iou = computeMaskIoU(refined, scene.mask);
    const edgeIou = computeBoundaryIoU(refined, scene.mask);
    console.log(
      `ring: refined IoU ${iou.toFixed(4)} (edge ${edgeIou.toFixed(3)}); bilinear IoU ${computeMaskIoU(bilinear, scene.mask).toFixed(4)} (edge ${computeBoundaryIoU(bilinear, scene.mask).toFixed(3)})`,
    );
    expect(iou).toBeGreaterThanOrEqual(0.97);
    expect(edgeIou).toBeGreaterThan(computeBoundaryIoU(bilinear, scene.mask));
  }, slowMs);

  it('keeps a thin gold chain: refined IoU ≥ 0.9 against the exact mask', async () => {
    const scene = renderChainScene({ widthPx: 1400, heightPx: 1400, seed: 4, metal: 'gold', linkWidthPx: 5 });
    const { refined, bilinear } = await segmentScene(scene);
    const iou = computeMaskIoU(refined, scene.mask);
    console.log(`chain: refined IoU ${iou.toFixed(4)}; bilinear IoU ${computeMaskIoU(bilinear, scene.mask).toFixed(4)}`);
    expect(iou).toBeGreaterThanOrEqual(0.9);
    expect(iou).toBeGreaterThan(computeMaskIoU(bilinear, scene.mask));
  }, slowMs);

  it('gives the same output from the fp16 model within 5e-3', async () => {
    expect(ringOutput, 'the ring test ran first').toBeDefined();
    const fp16 = await createSession('isnet-fp16');
    try {
      const { output, ms } = await runModel(fp16, 'isnet-fp16', ringInput);
      let maxDiff = 0;
      let flipped = 0;
      for (let i = 0; i < output.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(output[i] - ringOutput[i]));
        if (output[i] >= 0.5 !== ringOutput[i] >= 0.5) flipped++;
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
