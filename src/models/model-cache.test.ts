// Unit tests for the model cache rules.
import { describe, expect, it } from 'vitest';
import { findCurrentModelFiles, findSupersededModelUrls, isVersionedModelUrl, readModelFileName } from './model-cache';
import { modelSpecs, versionedModelUrl, type ModelFileManifest } from './manifest';

const origin = 'https://lustre.example';
const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const at = (path: string) => new URL(path, `${origin}/app/`).href;

describe('isVersionedModelUrl', () => {
  it('accepts the URL the model loader fetches', () => {
    const url = at(versionedModelUrl(modelSpecs['isnet-fp32'], { sha256: hashA }));
    expect(url).toBe(`${origin}/app/models/isnet-fp32.onnx?sha256=${hashA}`);
    expect(isVersionedModelUrl(url, origin)).toBe(true);
  });

  it('refuses an unversioned, malformed, foreign or non-model URL', () => {
    expect(isVersionedModelUrl(at('models/isnet-fp32.onnx'), origin)).toBe(false);
    expect(isVersionedModelUrl(at('models/isnet-fp32.onnx?sha256=latest'), origin)).toBe(false);
    expect(isVersionedModelUrl(`https://cdn.example/models/isnet-fp32.onnx?sha256=${hashA}`, origin)).toBe(false);
    expect(isVersionedModelUrl(`${origin}.evil.example/models/isnet-fp32.onnx?sha256=${hashA}`, origin)).toBe(false);
    expect(isVersionedModelUrl(at(`models/manifest.json?sha256=${hashA}`), origin)).toBe(false);
  });
});

describe('findSupersededModelUrls', () => {
  it('names the same file under another version and nothing else', () => {
    const cached = [at(`models/isnet-fp32.onnx?sha256=${hashA}`), at(`models/isnet-fp16.onnx?sha256=${hashA}`), at(`models/isnet-fp32.onnx?sha256=${hashB}`)];
    expect(findSupersededModelUrls(cached, cached[2])).toEqual([cached[0]]);
    expect(findSupersededModelUrls(cached.slice(1), cached[2])).toEqual([]);
  });
});

describe('findCurrentModelFiles', () => {
  it('counts a stored copy only under the version the model list names', () => {
    const manifest: ModelFileManifest = {
      version: 1,
      source: { package: 'p', version: '1', resource: 'r' },
      files: { 'isnet-fp32.onnx': { bytes: 1, sha256: hashA }, 'isnet-fp16.onnx': { bytes: 1, sha256: hashA } },
    };
    const cached = [at(`models/isnet-fp32.onnx?sha256=${hashA}`), at(`models/isnet-fp16.onnx?sha256=${hashB}`), at('models/probe.onnx')];
    expect(findCurrentModelFiles(cached, manifest)).toEqual(['isnet-fp32.onnx']);
    expect(readModelFileName(cached[1])).toBe('isnet-fp16.onnx');
  });
});
