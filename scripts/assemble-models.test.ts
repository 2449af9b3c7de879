// Tests for the model assembly helpers: half → float conversion, chunk checks, the fp16 → fp32 upcast.
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
