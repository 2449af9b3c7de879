// Converts an @upscalerjs/esrgan-slim TF.js layers model (model.json + weight shards) into an ONNX model for onnxruntime-web.
import onnxProto from 'onnx-proto';
import { createFloatTensor, createFloatValueInfo, createIntAttribute, createIntsAttribute, createStringAttribute, encodeModel } from './onnx-build.mjs';

const { onnx } = onnxProto;

/** Layer classes the converter knows; anything else is refused rather than guessed. */
const supportedLayers = new Set(['InputLayer', 'Conv2D', 'Activation', 'Concatenate', 'Add', 'UpSampling2D']);

export class ConversionError extends Error {}

/**
 * Reads the weights of a TF.js layers model: every shard of every group concatenated in manifest order, sliced
 * by each entry's shape. Only float32 without quantisation is accepted.
 * @param {any} modelJson
 * @param {(path: string) => Uint8Array} readShard
 * @returns {Map<string, { shape: number[], values: Float32Array }>}
 */
export function readLayersWeights(modelJson, readShard) {
  const weights = new Map();
  for (const group of modelJson.weightsManifest ?? []) {
    const shards = group.paths.map((path) => readShard(path));
    const total = shards.reduce((sum, shard) => sum + shard.byteLength, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const shard of shards) {
      bytes.set(shard, at);
      at += shard.byteLength;
    }
    let offset = 0;
    for (const entry of group.weights) {
      if (entry.dtype !== 'float32' || entry.quantization) {
        throw new ConversionError(`weight ${entry.name}: only unquantised float32 weights are supported (got ${entry.dtype}${entry.quantization ? ', quantised' : ''})`);
      }
      const count = entry.shape.reduce((product, dim) => product * dim, 1);
      if (offset + count * 4 > total) throw new ConversionError(`weight ${entry.name} runs past the end of its shards`);
      // Copy: the slice may not be 4-byte aligned, and the result must own its memory.
      const values = new Float32Array(bytes.slice(offset, offset + count * 4).buffer);
      weights.set(entry.name, { shape: entry.shape, values });
      offset += count * 4;
    }
    if (offset !== total) throw new ConversionError(`the weight shards hold ${total} bytes, the manifest lists ${offset}`);
  }
  return weights;
}

/** Keras HWIO kernel → ONNX OIHW. */
function transposeKernel({ shape: [kh, kw, cin, cout], values }) {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++) {
    for (let x = 0; x < kw; x++) {
      for (let i = 0; i < cin; i++) {
        for (let o = 0; o < cout; o++) {
          out[((o * cin + i) * kh + y) * kw + x] = values[((y * kw + x) * cin + i) * cout + o];
        }
      }
    }
  }
  return out;
}

/** The scale factor of the model: the product of its UpSampling2D sizes (square only). */
export function readUpscaleFactor(modelJson) {
  let factor = 1;
  for (const layer of modelJson.modelTopology.model_config.config.layers) {
    if (layer.class_name !== 'UpSampling2D') continue;
    const [sy, sx] = layer.config.size;
    if (sy !== sx) throw new ConversionError(`layer ${layer.name}: only square upsampling is supported`);
    factor *= sy;
  }
  return factor;
}

/**
 * The ONNX model (IR 8, opset 17) equivalent to a functional Keras model of Conv2D ('same' or 1×1 'valid', stride 1,
 * linear or relu), ReLU, Concatenate (channels), Add and nearest UpSampling2D layers. Input `input` and output
 * `output` are float32 NCHW RGB, 0..255, any height and width; the graph works in NCHW throughout.
 * @param {any} modelJson
 * @param {Map<string, { shape: number[], values: Float32Array }>} weights
 * @param {{ name: string, docString: string }} about
 * @returns {{ bytes: Uint8Array, factor: number, layers: number }}
 */
export function convertLayersModelToOnnx(modelJson, weights, about) {
  const config = modelJson.modelTopology?.model_config;
  if (config?.class_name !== 'Functional' && config?.class_name !== 'Model') {
    throw new ConversionError(`expected a functional Keras model, got ${config?.class_name}`);
  }
  const layers = config.config.layers;
  const [inputLayer] = config.config.input_layers;
  const [outputLayer] = config.config.output_layers;
  const nodes = [];
  const initializers = [];
  /** Keras layer name → ONNX tensor name of its output. */
  const outputs = new Map();
  const inboundOf = (layer) => {
    if (layer.inbound_nodes.length !== 1) throw new ConversionError(`layer ${layer.name}: shared layers are not supported`);
    return layer.inbound_nodes[0].map(([name]) => {
      const tensor = outputs.get(name);
      if (!tensor) throw new ConversionError(`layer ${layer.name}: input ${name} is not defined before it`);
      return tensor;
    });
  };
  const checkChannelAxis = (layer, axis) => {
    if (axis !== 3 && axis !== -1) throw new ConversionError(`layer ${layer.name}: only the channel axis is supported (got ${axis})`);
  };
  for (const layer of layers) {
    const { class_name: kind, name, config: c } = layer;
    if (!supportedLayers.has(kind)) throw new ConversionError(`layer ${name}: ${kind} is not supported`);
    if (kind === 'InputLayer') {
      outputs.set(name, 'input');
      continue;
    }
    const inputs = inboundOf(layer);
    const out = `${name}:out`;
    if (kind === 'Conv2D') {
      const [kh, kw] = c.kernel_size;
      if (c.strides.some((s) => s !== 1) || (c.dilation_rate ?? [1, 1]).some((d) => d !== 1)) {
        throw new ConversionError(`layer ${name}: only stride 1 and dilation 1 are supported`);
      }
      if ((c.data_format ?? 'channels_last') !== 'channels_last') throw new ConversionError(`layer ${name}: expected channels_last`);
      if (c.padding === 'same' ? kh % 2 === 0 || kw % 2 === 0 : c.padding !== 'valid' || kh !== 1 || kw !== 1) {
        throw new ConversionError(`layer ${name}: only odd 'same' kernels and 1×1 'valid' kernels are supported`);
      }
      const kernel = weights.get(`${name}/kernel`);
      if (!kernel || kernel.shape[0] !== kh || kernel.shape[1] !== kw || kernel.shape[3] !== c.filters) {
        throw new ConversionError(`layer ${name}: kernel missing or of the wrong shape`);
      }
      const [, , cin, cout] = kernel.shape;
      initializers.push(createFloatTensor(`${name}.weight`, [cout, cin, kh, kw], transposeKernel(kernel)));
      const convInputs = [inputs[0], `${name}.weight`];
      if (c.use_bias !== false) {
        const bias = weights.get(`${name}/bias`);
        if (!bias || bias.values.length !== cout) throw new ConversionError(`layer ${name}: bias missing or of the wrong size`);
        initializers.push(createFloatTensor(`${name}.bias`, [cout], bias.values));
        convInputs.push(`${name}.bias`);
      }
      const activation = c.activation ?? 'linear';
      if (activation !== 'linear' && activation !== 'relu') throw new ConversionError(`layer ${name}: activation ${activation} is not supported`);
      const convOut = activation === 'relu' ? `${name}:conv` : out;
      const pad = [(kh - 1) / 2, (kw - 1) / 2];
      nodes.push(
        onnx.NodeProto.create({
          name,
          opType: 'Conv',
          input: convInputs,
          output: [convOut],
          attribute: [createIntsAttribute('kernel_shape', [kh, kw]), createIntsAttribute('pads', [pad[0], pad[1], pad[0], pad[1]]), createIntsAttribute('strides', [1, 1]), createIntsAttribute('dilations', [1, 1])],
        }),
      );
      if (activation === 'relu') nodes.push(onnx.NodeProto.create({ name: `${name}:relu`, opType: 'Relu', input: [convOut], output: [out] }));
    } else if (kind === 'Activation') {
      if (c.activation !== 'relu') throw new ConversionError(`layer ${name}: activation ${c.activation} is not supported`);
      nodes.push(onnx.NodeProto.create({ name, opType: 'Relu', input: inputs, output: [out] }));
    } else if (kind === 'Concatenate') {
      checkChannelAxis(layer, c.axis);
      nodes.push(onnx.NodeProto.create({ name, opType: 'Concat', input: inputs, output: [out], attribute: [createIntAttribute('axis', 1)] }));
    } else if (kind === 'Add') {
      nodes.push(onnx.NodeProto.create({ name, opType: inputs.length === 2 ? 'Add' : 'Sum', input: inputs, output: [out] }));
    } else if (kind === 'UpSampling2D') {
      if ((c.interpolation ?? 'nearest') !== 'nearest') throw new ConversionError(`layer ${name}: only nearest upsampling is supported`);
      const [sy, sx] = c.size;
      initializers.push(createFloatTensor(`${name}.scales`, [4], new Float32Array([1, 1, sy, sx])));
      nodes.push(
        onnx.NodeProto.create({
          name,
          opType: 'Resize',
          input: [inputs[0], '', `${name}.scales`],
          output: [out],
          attribute: [createStringAttribute('mode', 'nearest'), createStringAttribute('coordinate_transformation_mode', 'asymmetric'), createStringAttribute('nearest_mode', 'floor')],
        }),
      );
    }
    outputs.set(name, out);
  }
  if (outputs.get(inputLayer[0]) !== 'input') throw new ConversionError('the model input is not its InputLayer');
  const last = outputs.get(outputLayer[0]);
  if (!last) throw new ConversionError(`output layer ${outputLayer[0]} is not defined`);
  // Rename the last tensor to `output`.
  for (const node of nodes) node.output = node.output.map((name) => (name === last ? 'output' : name));
  const graph = onnx.GraphProto.create({
    name: about.name,
    docString: about.docString,
    input: [createFloatValueInfo('input', [1, 3, 'height', 'width'])],
    output: [createFloatValueInfo('output', [1, 3, 'outHeight', 'outWidth'])],
    initializer: initializers,
    node: nodes,
  });
  return { bytes: encodeModel(graph, about.docString), factor: readUpscaleFactor(modelJson), layers: layers.length };
}
