// Unit tests for the service worker's model-file cache rules.
import { describe, expect, it } from 'vitest';
import { isVersionedModelUrl, supersededModelUrls } from './model-cache';
import { modelSpecs, versionedModelUrl } from '../models/manifest';

const origin = 'https://lustre.example';
const hashA = 'a'.repeat(64);
const hashB = 'b'.repeat(64);
const at = (path: string) => new URL(path, `${origin}/app/`);

describe('isVersionedModelUrl', () => {
  it('accepts the URL the model loader fetches', () => {
    const url = at(versionedModelUrl(modelSpecs['isnet-fp32'], { sha256: hashA }));
    expect(url.pathname).toBe('/app/models/isnet-fp32.onnx');
    expect(isVersionedModelUrl(url, origin)).toBe(true);
  });

  it('refuses an unversioned, malformed, foreign or non-model URL', () => {
    expect(isVersionedModelUrl(at('models/isnet-fp32.onnx'), origin)).toBe(false);
    expect(isVersionedModelUrl(at('models/isnet-fp32.onnx?sha256=latest'), origin)).toBe(false);
    expect(isVersionedModelUrl(new URL(`https://cdn.example/models/isnet-fp32.onnx?sha256=${hashA}`), origin)).toBe(false);
    expect(isVersionedModelUrl(at(`models/manifest.json?sha256=${hashA}`), origin)).toBe(false);
  });
});

describe('supersededModelUrls', () => {
  it('names the same file under another version and nothing else', () => {
    const cached = [
      at(`models/isnet-fp32.onnx?sha256=${hashA}`).href,
      at(`models/isnet-fp16.onnx?sha256=${hashA}`).href,
      at(`models/isnet-fp32.onnx?sha256=${hashB}`).href,
    ];
    expect(supersededModelUrls(cached, cached[2])).toEqual([cached[0]]);
    expect(supersededModelUrls(cached.slice(1), cached[2])).toEqual([]);
  });
});
