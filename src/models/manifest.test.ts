// Unit tests for model metadata and the pure model-file checks.
import { describe, expect, it } from 'vitest';
import { checkModelBytes, formatDigestHex, isnetVariants, modelSpecs, parseModelFileManifest, type ModelFileManifest } from './manifest';

const sha = 'ab'.repeat(32);
const manifest: ModelFileManifest = {
  version: 1,
  source: { package: '@imgly/background-removal-data', version: '1.4.5', resource: '/models/medium' },
  files: { 'isnet-fp32.onnx': { bytes: 10, sha256: sha } },
};

describe('modelSpecs', () => {
  it('describes ISNet in both precisions with the same tensors and normalization', () => {
    for (const precision of ['fp16', 'fp32'] as const) {
      const spec = modelSpecs[isnetVariants[precision]];
      expect(spec.precision).toBe(precision);
      expect(spec.url).toBe(`models/${spec.file}`);
      expect(spec).toMatchObject({ family: 'isnet', inputName: 'input', outputName: 'output', inputSizePx: 1024 });
      expect(spec.normalization).toEqual({ mean: [128, 128, 128], std: [256, 256, 256] });
    }
    expect(modelSpecs.probe).toMatchObject({ file: 'probe.onnx', inputSizePx: 64, inputName: 'input', outputName: 'output' });
  });

  it('keys every spec by its own key', () => {
    for (const [key, spec] of Object.entries(modelSpecs)) expect(spec.key).toBe(key);
  });
});

describe('parseModelFileManifest', () => {
  it('accepts the shape the install script writes', () => {
    expect(parseModelFileManifest(JSON.parse(JSON.stringify(manifest)))).toEqual(manifest);
  });

  it('rejects other shapes with a hint', () => {
    expect(() => parseModelFileManifest(null)).toThrow(/not an object/);
    expect(() => parseModelFileManifest({ version: 2, files: {} })).toThrow(/unknown version 2/);
    expect(() => parseModelFileManifest({ version: 1 })).toThrow(/no "files"/);
    expect(() => parseModelFileManifest({ version: 1, files: { 'a.onnx': { bytes: 1, sha256: 'XYZ' } } })).toThrow(/"a.onnx".*npm run models/);
  });
});

describe('formatDigestHex', () => {
  it('formats bytes as lowercase hex, zero-padded', () => {
    expect(formatDigestHex(new Uint8Array([0, 1, 171, 255]))).toBe('0001abff');
    expect(formatDigestHex(new Uint8Array([15, 16]).buffer)).toBe('0f10');
  });

  it('formats a real SHA-256 digest', async () => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
    expect(formatDigestHex(digest)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('checkModelBytes', () => {
  it('passes matching size and hash, and size alone before hashing', () => {
    expect(checkModelBytes(manifest, 'isnet-fp32.onnx', { bytes: 10, sha256: sha.toUpperCase() })).toEqual({ ok: true });
    expect(checkModelBytes(manifest, 'isnet-fp32.onnx', { bytes: 10 })).toEqual({ ok: true });
  });

  it('names the problem: not listed, wrong size, wrong hash', () => {
    expect(checkModelBytes(manifest, 'isnet-fp16.onnx', { bytes: 10 })).toMatchObject({ ok: false, problem: 'not-listed' });
    expect(checkModelBytes(manifest, 'isnet-fp32.onnx', { bytes: 9, sha256: sha })).toMatchObject({
      ok: false,
      problem: 'size',
      message: 'The model file isnet-fp32.onnx has 9 bytes, expected 10.',
    });
    expect(checkModelBytes(manifest, 'isnet-fp32.onnx', { bytes: 10, sha256: 'cd'.repeat(32) })).toMatchObject({ ok: false, problem: 'hash' });
  });
});
