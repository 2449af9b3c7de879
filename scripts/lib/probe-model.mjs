// Builds the tiny deterministic "probe" ONNX model (Conv 3×3 → Relu → Conv 1×1 → Sigmoid) that exercises a backend cheaply.
import onnxProto from 'onnx-proto';
import { createFloatTensor, createFloatValueInfo, createIntsAttribute, encodeModel } from './onnx-build.mjs';

const { onnx } = onnxProto;

export const probeSizePx = 64;
export const probeHiddenChannels = 8;
export const probeSeed = 20240607;

/** Numerical Recipes LCG: the same seed gives the same weights on every machine. */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

/**
 * The probe's weights, drawn uniformly in ±k/√fan_in: large enough that the output spreads over a good
 * part of the sigmoid's range (so a wrong kernel shows), small enough that it does not saturate.
 * @returns {{ conv1Weight: Float32Array, conv1Bias: Float32Array, conv2Weight: Float32Array, conv2Bias: Float32Array }}
 */
export function createProbeWeights(seed = probeSeed) {
  const random = createRandom(seed);
  const fill = (length, scale) => Float32Array.from({ length }, () => (random() * 2 - 1) * scale);
  const hidden = probeHiddenChannels;
  return {
    conv1Weight: fill(hidden * 3 * 3 * 3, 3 / Math.sqrt(27)),
    conv1Bias: fill(hidden, 0.2),
    conv2Weight: fill(hidden, 4 / Math.sqrt(hidden)),
    conv2Bias: fill(1, 0.1),
  };
}

/**
 * Encodes the probe model: input `input` float32 [1,3,64,64] → Conv 3×3 (3→8, pads 1) → Relu →
 * Conv 1×1 (8→1) → Sigmoid → output `output` float32 [1,1,64,64]. ONNX IR 8, opset 17.
 * @returns {Uint8Array}
 */
export function buildProbeModel() {
  const size = probeSizePx;
  const hidden = probeHiddenChannels;
  const weights = createProbeWeights();
  const graph = onnx.GraphProto.create({
    name: 'lustre-probe',
    docString: 'Tiny deterministic model used to check that an ONNX Runtime backend runs and agrees with WASM.',
    input: [createFloatValueInfo('input', [1, 3, size, size])],
    output: [createFloatValueInfo('output', [1, 1, size, size])],
    initializer: [
      createFloatTensor('conv1.weight', [hidden, 3, 3, 3], weights.conv1Weight),
      createFloatTensor('conv1.bias', [hidden], weights.conv1Bias),
      createFloatTensor('conv2.weight', [1, hidden, 1, 1], weights.conv2Weight),
      createFloatTensor('conv2.bias', [1], weights.conv2Bias),
    ],
    node: [
      onnx.NodeProto.create({
        name: 'conv1',
        opType: 'Conv',
        input: ['input', 'conv1.weight', 'conv1.bias'],
        output: ['conv1_out'],
        attribute: [
          createIntsAttribute('kernel_shape', [3, 3]),
          createIntsAttribute('pads', [1, 1, 1, 1]),
          createIntsAttribute('strides', [1, 1]),
          createIntsAttribute('dilations', [1, 1]),
        ],
      }),
      onnx.NodeProto.create({ name: 'relu1', opType: 'Relu', input: ['conv1_out'], output: ['relu1_out'] }),
      onnx.NodeProto.create({
        name: 'conv2',
        opType: 'Conv',
        input: ['relu1_out', 'conv2.weight', 'conv2.bias'],
        output: ['conv2_out'],
        attribute: [createIntsAttribute('kernel_shape', [1, 1]), createIntsAttribute('strides', [1, 1])],
      }),
      onnx.NodeProto.create({ name: 'sigmoid', opType: 'Sigmoid', input: ['conv2_out'], output: ['output'] }),
    ],
  });
  return encodeModel(graph, 'Lustre backend probe (64×64, seeded weights).');
}
