// Types for esrgan-model.mjs (TF.js layers model → ONNX converter for @upscalerjs/esrgan-slim).
export class ConversionError extends Error {}
export interface LayersWeight {
  shape: number[];
  values: Float32Array;
}
export function readLayersWeights(modelJson: unknown, readShard: (path: string) => Uint8Array): Map<string, LayersWeight>;
export function readUpscaleFactor(modelJson: unknown): number;
export function convertLayersModelToOnnx(
  modelJson: unknown,
  weights: Map<string, LayersWeight>,
  about: { name: string; docString: string },
): { bytes: Uint8Array; factor: number; layers: number };
