// Tests for the model assembly helpers: half → float conversion, chunk checks, the fp16 → fp32 upcast, the upscaler conversion.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-web';
import { afterEach, describe, expect, it } from 'vitest';
import {
  convertHalfBitsToFloatBits,
  convertHalfBytesToFloatBytes,
  convertHalfInt32DataToFloatBytes,
  convertHalfToFloat,
} from './lib/half.mjs';
import { AssemblyError, assembleResource, readResourceEntry } from './lib/model-chunks.mjs';
import { findFloat16Uses, upcastModelToFloat32 } from './lib/upcast.mjs';

const { onnx } = onnxProto;

describe('convertHalfToFloat', () => {
  it('converts known half values exactly', () => {
    const cases: [number, number][] = [
      [0x0000, 0],
      [0x3c00, 1],
      [0xc000, -2],
      [0x3555, 0.333251953125],
      [0x7bff, 65504],
      [0xfbff, -65504],
      [0x0400, 2 ** -14], // smallest normal
      [0x0001, 2 ** -24], // smallest subnormal
      [0x03ff, 1023 * 2 ** -24], // largest subnormal
      [0x8001, -(2 ** -24)],
      [0x0200, 2 ** -15],
      [0x7c00, Infinity],
      [0xfc00, -Infinity],
    ];
    for (const [half, value] of cases) expect(convertHalfToFloat(half)).toBe(value);
    expect(Object.is(convertHalfToFloat(0x8000), -0)).toBe(true);
  });

  it('keeps NaN a NaN with its sign and payload', () => {
    expect(convertHalfToFloat(0x7e00)).toBeNaN();
    expect(convertHalfToFloat(0x7c01)).toBeNaN(); // signalling NaN: payload non-zero, stays NaN
    expect(convertHalfToFloat(0xfe00)).toBeNaN();
    expect(convertHalfBitsToFloatBits(0x7e00)).toBe(0x7fc00000);
    expect(convertHalfBitsToFloatBits(0xfc01)).toBe(0xff802000);
  });

  it('agrees with the definition (−1)^s · 2^(e−15) · 1.m, or 2^−14 · 0.m, for all 65,536 halves', () => {
    for (let half = 0; half < 0x10000; half++) {
      const sign = half & 0x8000 ? -1 : 1;
      const exponent = (half >> 10) & 0x1f;
      const mantissa = half & 0x3ff;
      const value = convertHalfToFloat(half);
      if (exponent === 0x1f) {
        if (mantissa === 0) expect(value).toBe(sign * Infinity);
        else expect(value).toBeNaN();
      } else if (exponent === 0) {
        expect(value).toBe(sign * 2 ** -14 * (mantissa / 1024));
      } else {
        expect(value).toBe(sign * 2 ** (exponent - 15) * (1 + mantissa / 1024));
      }
    }
  });
});

describe('bulk half → float conversion', () => {
  it('turns little-endian half bytes into little-endian float bytes', () => {
    const halves = new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0x01, 0x00, 0x00, 0x7c]);
    const floats = convertHalfBytesToFloatBytes(halves);
    const view = new DataView(floats.buffer, floats.byteOffset, floats.byteLength);
    expect(floats.byteLength).toBe(16);
    expect([0, 4, 8, 12].map((offset) => view.getFloat32(offset, true))).toEqual([1, -2, 2 ** -24, Infinity]);
  });

  it('reads unaligned views (protobuf fields are slices of one buffer)', () => {
    const buffer = new Uint8Array([0xff, 0x00, 0x3c, 0x55, 0x35]);
    const floats = convertHalfBytesToFloatBytes(buffer.subarray(1));
    expect(Array.from(new Float32Array(floats.buffer))).toEqual([1, 0.333251953125]);
  });

  it('reads halves stored in int32_data (low 16 bits)', () => {
    const floats = convertHalfInt32DataToFloatBytes([0x3c00, 0xc000, 0x7bff]);
    expect(Array.from(new Float32Array(floats.buffer))).toEqual([1, -2, 65504]);
  });

  it('rejects an odd byte length', () => {
    expect(() => convertHalfBytesToFloatBytes(new Uint8Array(3))).toThrow(/odd/);
  });
});

describe('chunked model assembly', () => {
  const temporaryDirs: string[] = [];

  afterEach(() => {
    for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A fake @imgly/background-removal-data with one two-chunk resource. */
  function createFakePackage(): { dir: string; chunks: Buffer[]; hashes: string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'lustre-models-'));
    temporaryDirs.push(dir);
    mkdirSync(join(dir, 'dist'));
    const chunks = [Buffer.alloc(1000, 7), Buffer.from('the last, shorter chunk')];
    const hashes = chunks.map((chunk) => createHash('sha256').update(chunk).digest('hex'));
    chunks.forEach((chunk, i) => writeFileSync(join(dir, 'dist', hashes[i]), chunk));
    const resources = {
      '/models/medium': {
        chunks: [
          { hash: hashes[0], offsets: [0, 1000] },
          { hash: hashes[1], offsets: [1000, 1000 + chunks[1].length] },
        ],
        size: 1000 + chunks[1].length,
        mime: 'application/octet-steam',
      },
    };
    writeFileSync(join(dir, 'dist', 'resources.json'), JSON.stringify(resources));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@imgly/background-removal-data', version: '1.4.5' }));
    return { dir, chunks, hashes };
  }

  function assembleFake(dir: string): Buffer {
    const { entry } = readResourceEntry(dir, '/models/medium');
    return assembleResource(dir, '/models/medium', entry);
  }

  function catchError(run: () => unknown): Error {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a failure');
  }

  it('joins the chunks in order', () => {
    const { dir, chunks } = createFakePackage();
    expect(assembleFake(dir).equals(Buffer.concat(chunks))).toBe(true);
    expect(readResourceEntry(dir, '/models/medium').packageVersion).toBe('1.4.5');
  });

  it('names a corrupt chunk and says how to fix it, in one paragraph', () => {
    const { dir, chunks, hashes } = createFakePackage();
    const corrupt = Buffer.from(chunks[1]);
    corrupt[3] ^= 0xff;
    writeFileSync(join(dir, 'dist', hashes[1]), corrupt);
    const error = catchError(() => assembleFake(dir));
    expect(error).toBeInstanceOf(AssemblyError);
    expect(error.message).toContain('chunk 2 of 2');
    expect(error.message).toContain('corrupt');
    expect(error.message).toContain('rm -rf node_modules && npm ci');
    expect(error.message).not.toContain('\n');
  });

  it('reports a missing chunk, a truncated chunk and a wrong total size', () => {
    const missing = createFakePackage();
    rmSync(join(missing.dir, 'dist', missing.hashes[0]));
    expect(catchError(() => assembleFake(missing.dir)).message).toMatch(/chunk 1 of 2 .* is missing/);

    const truncated = createFakePackage();
    writeFileSync(join(truncated.dir, 'dist', truncated.hashes[0]), truncated.chunks[0].subarray(0, 999));
    expect(catchError(() => assembleFake(truncated.dir)).message).toMatch(/is 999 bytes long, expected 1000/);

    const wrongSize = createFakePackage();
    const resourcesPath = join(wrongSize.dir, 'dist', 'resources.json');
    const resources = JSON.parse(readFileSync(resourcesPath, 'utf8'));
    resources['/models/medium'].size += 1;
    writeFileSync(resourcesPath, JSON.stringify(resources));
    expect(catchError(() => assembleFake(wrongSize.dir)).message).toMatch(/add up to 1023 bytes but resources.json says 1024/);
  });

  it('reports a missing package or a missing resource entry', () => {
    const error = catchError(() => readResourceEntry(join(tmpdir(), 'lustre-no-such-package'), '/models/medium'));
    expect(error).toBeInstanceOf(AssemblyError);
    expect(error.message).toMatch(/missing or incomplete.*npm ci/);
    const { dir } = createFakePackage();
    expect(catchError(() => readResourceEntry(dir, '/models/large')).message).toMatch(/no usable "\/models\/large" entry/);
  });
});

/** A valid fp16 graph: x (f32) → Cast f16 → Mul w (f16, raw) → Add Constant (f16, int32_data) → Cast f32 → y. */
function buildTinyFloat16Model(): Uint8Array {
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
  const valueInfo = (name: string, elemType: number) =>
    onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType, shape: { dim: [{ dimValue: 4 }] } } } });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'tiny-fp16',
      input: [valueInfo('x', FLOAT)],
      output: [valueInfo('y', FLOAT)],
      valueInfo: [valueInfo('x16', FLOAT16), valueInfo('scaled', FLOAT16), valueInfo('shifted', FLOAT16)],
      initializer: [
        // 0.5, −2, 2^−24 (subnormal), 1024 as little-endian halves.
        { name: 'w', dims: [4], dataType: FLOAT16, rawData: new Uint8Array([0x00, 0x38, 0x00, 0xc0, 0x01, 0x00, 0x00, 0x64]) },
      ],
      node: [
        { name: 'to16', opType: 'Cast', input: ['x'], output: ['x16'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT16 }] },
        { name: 'mul', opType: 'Mul', input: ['x16', 'w'], output: ['scaled'] },
        {
          name: 'bias',
          opType: 'Constant',
          output: ['b'],
          attribute: [
            {
              name: 'value',
              type: onnx.AttributeProto.AttributeType.TENSOR,
              t: { dims: [4], dataType: FLOAT16, int32Data: [0x3c00, 0x3c00, 0x0000, 0xbc00] }, // 1, 1, 0, −1
            },
          ],
        },
        { name: 'add', opType: 'Add', input: ['scaled', 'b'], output: ['shifted'] },
        { name: 'to32', opType: 'Cast', input: ['shifted'], output: ['y'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] },
      ],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

const fp32ModelPath = fileURLToPath(new URL('../public/models/isnet-fp32.onnx', import.meta.url));

describe('upcastModelToFloat32', () => {
  it('rewrites initialisers, constants, Cast targets and declared types, and the result runs', async () => {
    const fp16 = buildTinyFloat16Model();
    expect(findFloat16Uses(fp16)).toHaveLength(6); // w, the Constant, Cast `to`, three value_info entries
    const { bytes, counts } = upcastModelToFloat32(fp16);
    expect(counts).toEqual({ tensors: 2, casts: 1, types: 3, dtypes: 0, graphs: 1 });
    expect(findFloat16Uses(bytes)).toEqual([]);

    const model = onnx.ModelProto.decode(bytes);
    const weights = model.graph!.initializer![0];
    expect(weights.dataType).toBe(onnx.TensorProto.DataType.FLOAT);
    const raw = weights.rawData!;
    expect(Array.from(new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)))).toEqual([0.5, -2, 2 ** -24, 1024]);
    const constant = model.graph!.node!.find((node) => node.name === 'bias')!.attribute![0].t!;
    expect(constant.int32Data).toEqual([]);
    expect(constant.rawData!.byteLength).toBe(16);

    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    try {
      const x = new Float32Array([2, 3, 4, 0.001]);
      const { y } = await session.run({ x: new ort.Tensor('float32', x, [4]) });
      const out = Array.from(y.data as Float32Array);
      expect(out[0]).toBe(2);
      expect(out[1]).toBe(-5);
      expect(out[2]).toBe(4 * 2 ** -24);
      expect(out[3]).toBeCloseTo(0.024, 5); // fp32 math; the fp16 graph would give 0.0234375
    } finally {
      await session.release();
    }
  });

  it('walks subgraphs (If branches) too', () => {
    const FLOAT16 = onnx.TensorProto.DataType.FLOAT16;
    const branch = (name: string, halfBits: number) => ({
      name,
      output: [{ name: `${name}_out`, type: { tensorType: { elemType: FLOAT16 } } }],
      initializer: [{ name: `${name}_w`, dims: [1], dataType: FLOAT16, int32Data: [halfBits] }],
      node: [{ name: `${name}_id`, opType: 'Identity', input: [`${name}_w`], output: [`${name}_out`] }],
    });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'with-if',
        input: [{ name: 'cond', type: { tensorType: { elemType: onnx.TensorProto.DataType.BOOL } } }],
        output: [{ name: 'y', type: { tensorType: { elemType: FLOAT16 } } }],
        node: [
          {
            name: 'if',
            opType: 'If',
            input: ['cond'],
            output: ['y'],
            attribute: [
              { name: 'then_branch', type: onnx.AttributeProto.AttributeType.GRAPH, g: branch('then', 0x3c00) },
              { name: 'else_branch', type: onnx.AttributeProto.AttributeType.GRAPH, g: branch('else', 0xbc00) },
            ],
          },
        ],
      },
    });
    const fp16 = onnx.ModelProto.encode(model).finish();
    expect(findFloat16Uses(fp16)).toHaveLength(5);
    const { bytes, counts } = upcastModelToFloat32(fp16);
    expect(counts).toMatchObject({ tensors: 2, types: 3, graphs: 3 });
    expect(findFloat16Uses(bytes)).toEqual([]);
    const elseWeights = onnx.ModelProto.decode(bytes).graph!.node![0].attribute![1].g!.initializer![0].rawData!;
    expect(Array.from(new Float32Array(new Uint8Array(elseWeights).buffer))).toEqual([-1]);
  });

  it.skipIf(!existsSync(fp32ModelPath))('left no float16 anywhere in the assembled public/models/isnet-fp32.onnx', () => {
    expect(findFloat16Uses(readFileSync(fp32ModelPath))).toEqual([]);
  }, 60_000);
});

describe('convertLayersModelToOnnx (the ESRGAN-slim converter)', () => {
  // A small Keras functional model with every layer kind the upscaler uses, in NHWC with HWIO kernels.
  const channels = 3;
  const hidden = 4;
  const random = (() => {
    let state = 12345;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 0x100000000 - 0.5;
    };
  })();
  const fill = (length: number) => Float32Array.from({ length }, random);
  const shapes: Record<string, number[]> = {
    'a/kernel': [3, 3, channels, hidden],
    'a/bias': [hidden],
    'b/kernel': [5, 5, hidden, hidden],
    'b/bias': [hidden],
    'c/kernel': [1, 1, hidden + hidden, channels],
    'c/bias': [channels],
    'd/kernel': [3, 3, channels, channels],
    'd/bias': [channels],
  };
  const values = Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, fill(shape.reduce((p, d) => p * d, 1))]));
  const conv = (name: string, filters: number, kernel: number, padding: string, inbound: string, activation = 'linear') => ({
    class_name: 'Conv2D',
    name,
    config: { filters, kernel_size: [kernel, kernel], strides: [1, 1], padding, data_format: 'channels_last', dilation_rate: [1, 1], activation, use_bias: true },
    inbound_nodes: [[[inbound, 0, 0, {}]]],
  });
  const modelJson = {
    format: 'layers-model',
    modelTopology: {
      model_config: {
        class_name: 'Functional',
        config: {
          layers: [
            { class_name: 'InputLayer', name: 'LR', config: {}, inbound_nodes: [] },
            conv('a', hidden, 3, 'same', 'LR'),
            { class_name: 'Activation', name: 'a_relu', config: { activation: 'relu' }, inbound_nodes: [[['a', 0, 0, {}]]] },
            conv('b', hidden, 5, 'same', 'a_relu', 'relu'),
            { class_name: 'Concatenate', name: 'cat', config: { axis: 3 }, inbound_nodes: [[['a_relu', 0, 0, {}], ['b', 0, 0, {}]]] },
            conv('c', channels, 1, 'valid', 'cat'),
            { class_name: 'Add', name: 'add', config: {}, inbound_nodes: [[['c', 0, 0, {}], ['LR', 0, 0, {}]]] },
            { class_name: 'UpSampling2D', name: 'up', config: { size: [2, 2], interpolation: 'nearest' }, inbound_nodes: [[['add', 0, 0, {}]]] },
            conv('d', channels, 3, 'same', 'up'),
          ],
          input_layers: [['LR', 0, 0]],
          output_layers: [['d', 0, 0]],
        },
      },
    },
    weightsManifest: [{ paths: ['shard1', 'shard2'], weights: Object.entries(shapes).map(([name, shape]) => ({ name, shape, dtype: 'float32' })) }],
  };
  // The weights as TF.js stores them: one buffer in manifest order, split across two shards at an odd byte.
  const allWeights = new Uint8Array(Object.values(values).reduce((sum, v) => sum + v.byteLength, 0));
  let at = 0;
  for (const v of Object.values(values)) {
    allWeights.set(new Uint8Array(v.buffer), at);
    at += v.byteLength;
  }
  const shards: Record<string, Uint8Array> = { shard1: allWeights.slice(0, 101), shard2: allWeights.slice(101) };

  /** Keras semantics in NHWC: a 'same' (zero-padded) or 'valid' 1×1 convolution with an HWIO kernel. */
  function convolve(input: Float32Array, height: number, width: number, cin: number, name: string, relu = false): Float32Array {
    const [kh, kw, , cout] = shapes[`${name}/kernel`];
    const kernel = values[`${name}/kernel`];
    const bias = values[`${name}/bias`];
    const out = new Float32Array(height * width * cout);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let o = 0; o < cout; o++) {
          let sum = bias[o];
          for (let ky = 0; ky < kh; ky++) {
            for (let kx = 0; kx < kw; kx++) {
              const sy = y + ky - (kh >> 1);
              const sx = x + kx - (kw >> 1);
              if (sy < 0 || sx < 0 || sy >= height || sx >= width) continue;
              for (let i = 0; i < cin; i++) sum += input[(sy * width + sx) * cin + i] * kernel[((ky * kw + kx) * cin + i) * cout + o];
            }
          }
          out[(y * width + x) * cout + o] = relu ? Math.max(0, sum) : sum;
        }
      }
    }
    return out;
  }

  function runReference(input: Float32Array, height: number, width: number): Float32Array {
    const a = convolve(input, height, width, channels, 'a', true);
    const b = convolve(a, height, width, hidden, 'b', true);
    const cat = new Float32Array(height * width * 2 * hidden);
    for (let p = 0; p < height * width; p++) {
      cat.set(a.subarray(p * hidden, (p + 1) * hidden), p * 2 * hidden);
      cat.set(b.subarray(p * hidden, (p + 1) * hidden), p * 2 * hidden + hidden);
    }
    const c = convolve(cat, height, width, 2 * hidden, 'c');
    for (let i = 0; i < c.length; i++) c[i] += input[i];
    const up = new Float32Array(4 * c.length);
    for (let y = 0; y < 2 * height; y++) {
      for (let x = 0; x < 2 * width; x++) up.set(c.subarray(((y >> 1) * width + (x >> 1)) * channels, ((y >> 1) * width + (x >> 1) + 1) * channels), (y * 2 * width + x) * channels);
    }
    return convolve(up, 2 * height, 2 * width, channels, 'd');
  }

  it('reads the shards into named weights and refuses a short one', async () => {
    const { readLayersWeights, ConversionError } = await import('./lib/esrgan-model.mjs');
    const weights = readLayersWeights(modelJson, (path) => shards[path]);
    expect(Array.from(weights.get('c/bias')!.values)).toEqual(Array.from(values['c/bias']));
    expect(() => readLayersWeights(modelJson, (path) => (path === 'shard2' ? shards.shard2.slice(4) : shards[path]))).toThrow(ConversionError);
  });

  it('gives, on onnxruntime-web, what the Keras model computes (NHWC in the reference, NCHW in ONNX), at any input size', async () => {
    const { convertLayersModelToOnnx, readLayersWeights } = await import('./lib/esrgan-model.mjs');
    const { bytes, factor, layers } = convertLayersModelToOnnx(modelJson, readLayersWeights(modelJson, (path) => shards[path]), { name: 't', docString: 't' });
    expect([factor, layers]).toEqual([2, 9]);
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    try {
      for (const [height, width] of [
        [5, 7],
        [9, 4],
      ]) {
        const nhwc = Float32Array.from({ length: height * width * channels }, () => 255 * (random() + 0.5));
        const nchw = new Float32Array(nhwc.length);
        for (let p = 0; p < height * width; p++) for (let k = 0; k < channels; k++) nchw[k * height * width + p] = nhwc[p * channels + k];
        const { output } = await session.run({ input: new ort.Tensor('float32', nchw, [1, channels, height, width]) });
        expect(output.dims).toEqual([1, channels, 2 * height, 2 * width]);
        const expected = runReference(nhwc, height, width);
        const data = output.data as Float32Array;
        let maxDiff = 0;
        for (let p = 0; p < 4 * height * width; p++) {
          for (let k = 0; k < channels; k++) maxDiff = Math.max(maxDiff, Math.abs(data[k * 4 * height * width + p] - expected[p * channels + k]));
        }
        expect(maxDiff).toBeLessThan(1e-3);
      }
    } finally {
      await session.release();
    }
  });

  it('refuses layers and options it does not know rather than guessing', async () => {
    const { convertLayersModelToOnnx, readLayersWeights, ConversionError } = await import('./lib/esrgan-model.mjs');
    const weights = readLayersWeights(modelJson, (path) => shards[path]);
    type Layer = (typeof modelJson.modelTopology.model_config.config.layers)[number] & { config: Record<string, unknown> };
    const withLayer = (change: (layers: Layer[]) => void) => {
      const copy = structuredClone(modelJson);
      change(copy.modelTopology.model_config.config.layers);
      return copy;
    };
    const cases = [
      withLayer((layers) => layers.splice(2, 1, { ...layers[2], config: { activation: 'sigmoid' } })),
      withLayer((layers) => (layers[1].config.strides = [2, 2])),
      withLayer((layers) => (layers[7].config.interpolation = 'bilinear')),
      withLayer((layers) => (layers[4].config.axis = 1)),
      withLayer((layers) => layers.splice(3, 0, { class_name: 'BatchNormalization', name: 'bn', config: {}, inbound_nodes: [[['a', 0, 0, {}]]] })),
    ];
    for (const json of cases) expect(() => convertLayersModelToOnnx(json, weights, { name: 't', docString: 't' })).toThrow(ConversionError);
  });
});
