// Types for probe-model.mjs (the tiny deterministic backend-probe ONNX model).
export const probeSizePx: number;
export const probeHiddenChannels: number;
export const probeSeed: number;
export interface ProbeWeights {
  /** [8, 3, 3, 3], OIHW */
  conv1Weight: Float32Array;
  conv1Bias: Float32Array;
  /** [1, 8, 1, 1] */
  conv2Weight: Float32Array;
  conv2Bias: Float32Array;
}
export function createProbeWeights(seed?: number): ProbeWeights;
export function buildProbeModel(): Uint8Array;
