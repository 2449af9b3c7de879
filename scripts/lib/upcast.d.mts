// Types for upcast.mjs (fp16 → fp32 ONNX model rewrite).
export interface UpcastCounts {
  tensors: number;
  casts: number;
  types: number;
  dtypes: number;
  graphs: number;
}
export function upcastModelToFloat32(modelBytes: Uint8Array): { bytes: Uint8Array; counts: UpcastCounts };
export function findFloat16Uses(modelBytes: Uint8Array): string[];
